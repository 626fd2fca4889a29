//! The words of the synthetic instance (`synth.rs`): place-name parts, and every sentence in
//! French, English and Italian, index for index, so a partial translation is a translation of
//! the same text and not another one.
//!
//! Placeholders: `{a}`, `{b}`, `{c}` place names, `{alt}` an altitude, `{min}` minutes, `{dist}`
//! metres, `{n}` a road number.

/// One text in fr, en, it.
pub type Tr = [&'static str; 3];

/// Invented place names are built from these, so no real place is claimed. They start with a
/// consonant, so French never needs an elision before them ("de Charière", not "d'…").
pub const SYLLABLES_START: &[&str] = &[
    "Char", "Lau", "Bel", "Mont", "Roch", "Font", "Pra", "Clot", "Serr", "Gui", "Vall", "Bris", "Cor", "Mal",
    "Pel", "Sal", "Tré", "Vir", "Bar", "Crév", "Fré", "Vaud", "Ren", "Ceil", "Beau", "Cham", "Gal", "Lan",
    "Mol", "Pis", "Riou", "Tour", "Vent", "Guil", "Nev",
];
pub const SYLLABLES_MIDDLE: &[&str] = &["", "", "", "an", "ar", "el", "om", "ir", "eb", "ol"];
pub const SYLLABLES_END: &[&str] = &[
    "ière", "et", "ette", "on", "as", "oux", "ard", "ine", "ey", "az", "oz", "ier", "aine", "ais", "eau",
    "ence", "ol", "èze", "ade",
];
pub const SAINTS: &[&str] = &[
    "Martin",
    "Jean",
    "Pierre",
    "André",
    "Michel",
    "Laurent",
    "Étienne",
    "Christophe",
    "Véran",
    "Bonnet",
    "Firmin",
    "Julien",
    "Marcellin",
    "Clément",
];
/// Commune names: `{a}` and `{b}` place names, `{s}` a saint. No leading article: texts say
/// "de {city}".
pub const CITY_PATTERNS: &[&str] = &[
    "{a}",
    "{a}",
    "{a}",
    "Saint-{s}",
    "{a}-les-Bains",
    "{a}-en-{b}",
    "{a}-sur-{b}",
    "Saint-{s}-de-{a}",
];
pub const DISTRICT_PATTERNS: &[&str] = &[
    "Vallée de {a}",
    "Massif de {a}",
    "Pays de {a}",
    "Haut-{a}",
    "Val de {a}",
    "Plateau de {a}",
];
pub const STREETS: &[&str] = &[
    "Place de l'Église",
    "Grande Rue",
    "Rue du Lavoir",
    "Route de la Gare",
    "Chemin des Écoles",
    "Place du Marché",
];
pub const PEOPLE: &[&str] = &[
    "Marie Durand",
    "Jean-Luc Barral",
    "Chiara Rossi",
    "Paul Chabert",
    "Anne Rey",
    "Luca Bianchi",
    "Sophie Faure",
    "Thierry Gras",
    "Élise Jacob",
    "Marco Ferri",
];
pub const LICENSES: &[&str] = &["CC BY-SA 4.0", "CC BY 4.0", "Tous droits réservés"];

pub const TREK_NAMES: &[Tr] = &[
    ["Lac de {a}", "{a} lake", "Lago di {a}"],
    ["Col de {a}", "{a} pass", "Colle di {a}"],
    ["Tour du {a}", "Tour of the {a}", "Giro del {a}"],
    ["Boucle de {a}", "{a} loop", "Anello di {a}"],
    ["Cascade de {a}", "{a} waterfall", "Cascata di {a}"],
    ["Refuge de {a}", "{a} hut", "Rifugio di {a}"],
    ["Crête de {a}", "{a} ridge", "Cresta di {a}"],
    ["Balcon de {a}", "{a} balcony trail", "Balcone di {a}"],
    ["Pic de {a}", "{a} peak", "Picco di {a}"],
    ["Vallon de {a}", "{a} valley", "Vallone di {a}"],
    ["Plateau de {a}", "{a} plateau", "Altopiano di {a}"],
    ["Les alpages de {a}", "The {a} pastures", "Gli alpeggi di {a}"],
    ["De {a} à {b}", "From {a} to {b}", "Da {a} a {b}"],
    [
        "{a} par le col de {b}",
        "{a} via the {b} pass",
        "{a} per il colle di {b}",
    ],
];
pub const ITINERARY_NAMES: &[Tr] = &[
    [
        "Tour du massif de {a}",
        "{a} massif tour",
        "Giro del massiccio di {a}",
    ],
    [
        "La grande traversée de {a}",
        "The great {a} crossing",
        "La grande traversata di {a}",
    ],
    [
        "Sur les chemins de {a}",
        "On the paths of {a}",
        "Sui sentieri di {a}",
    ],
];
pub const STEP_NAME: Tr = [
    "Étape {n} : de {a} à {b}",
    "Stage {n}: {a} to {b}",
    "Tappa {n}: da {a} a {b}",
];

pub const TEASERS: &[Tr] = &[
    [
        "Une belle boucle au départ de {a}, entre forêts de mélèzes et alpages, avec une vue imprenable sur le massif de {b}.",
        "A lovely loop from {a}, through larch woods and high pastures, with a stunning view of the {b} massif.",
        "Un bell'anello con partenza da {a}, tra boschi di larici e alpeggi, con una vista mozzafiato sul massiccio di {b}.",
    ],
    [
        "Un itinéraire facile pour découvrir le lac de {b} et ses reflets changeants.",
        "An easy route to discover {b} lake and its changing reflections.",
        "Un itinerario facile per scoprire il lago di {b} e i suoi riflessi cangianti.",
    ],
    [
        "Une randonnée sportive jusqu'au col de {b}, passage historique entre deux vallées.",
        "A demanding hike up to the {b} pass, a historic crossing between two valleys.",
        "Un'escursione impegnativa fino al colle di {b}, passaggio storico tra due valli.",
    ],
    [
        "Au cœur du vallon de {a}, une balade familiale au fil de l'eau.",
        "In the heart of the {a} valley, a family walk along the water.",
        "Nel cuore del vallone di {a}, una passeggiata per famiglie lungo l'acqua.",
    ],
    [
        "Une traversée sauvage à la rencontre des chamois et des marmottes.",
        "A wild crossing where you may meet chamois and marmots.",
        "Una traversata selvaggia all'incontro di camosci e marmotte.",
    ],
    [
        "Des villages de {a} aux crêtes de {b}, un panorama à 360° vous attend.",
        "From the villages of {a} to the {b} ridges, a 360° panorama awaits you.",
        "Dai villaggi di {a} alle creste di {b}, vi aspetta un panorama a 360°.",
    ],
    [
        "Un sentier en balcon au-dessus de la vallée, idéal en début d'été.",
        "A balcony path above the valley, ideal in early summer.",
        "Un sentiero a balcone sopra la valle, ideale all'inizio dell'estate.",
    ],
    [
        "Un parcours riche en patrimoine : chapelles, fours à pain et cabanes de bergers.",
        "A route full of heritage: chapels, bread ovens and shepherds' huts.",
        "Un percorso ricco di patrimonio: cappelle, forni del pane e baite dei pastori.",
    ],
];

/// The way, in order: the first two open a description, the others follow in any order.
pub const STEPS: &[Tr] = &[
    [
        "Depuis le parking, prendre le sentier balisé en direction de {a}.",
        "From the car park, take the marked path towards {a}.",
        "Dal parcheggio, prendere il sentiero segnalato in direzione di {a}.",
    ],
    [
        "Traverser le hameau de {a} puis franchir le torrent sur la passerelle.",
        "Go through the hamlet of {a} and cross the stream on the footbridge.",
        "Attraversare la frazione di {a} e superare il torrente sulla passerella.",
    ],
    [
        "Monter en lacets dans la forêt de mélèzes jusqu'au replat de {b} ({alt} m).",
        "Climb in zigzags through the larch forest up to the {b} shelf ({alt} m).",
        "Salire a tornanti nel bosco di larici fino al ripiano di {b} ({alt} m).",
    ],
    [
        "Au carrefour de {b}, laisser à gauche le sentier de {c} et continuer tout droit.",
        "At the {b} junction, leave the {c} path on your left and carry straight on.",
        "All'incrocio di {b}, lasciare a sinistra il sentiero per {c} e proseguire dritto.",
    ],
    [
        "Le chemin longe ensuite le canal d'irrigation sur environ {dist} m.",
        "The path then follows the irrigation channel for about {dist} m.",
        "Il sentiero costeggia poi il canale d'irrigazione per circa {dist} m.",
    ],
    [
        "Après {min} minutes de montée soutenue, on atteint le col de {c} ({alt} m).",
        "After {min} minutes of steady climbing, you reach the {c} pass ({alt} m).",
        "Dopo {min} minuti di salita sostenuta, si raggiunge il colle di {c} ({alt} m).",
    ],
    [
        "Poursuivre sur la crête en restant prudent : le passage est aérien.",
        "Continue along the ridge with care: this section is exposed.",
        "Proseguire sulla cresta con prudenza: il passaggio è esposto.",
    ],
    [
        "Rejoindre les chalets d'alpage de {b}, puis descendre vers le lac de {c}.",
        "Reach the {b} summer chalets, then go down towards {c} lake.",
        "Raggiungere gli alpeggi di {b}, poi scendere verso il lago di {c}.",
    ],
    [
        "Emprunter la piste forestière sur la droite pendant {min} minutes.",
        "Follow the forest track on the right for {min} minutes.",
        "Percorrere la pista forestale sulla destra per {min} minuti.",
    ],
    [
        "Le sentier s'élève à travers les éboulis jusqu'au belvédère de {c}.",
        "The path climbs through the scree to the {c} viewpoint.",
        "Il sentiero sale tra i ghiaioni fino al belvedere di {c}.",
    ],
    [
        "Suivre le balisage jaune et blanc jusqu'à l'oratoire de {a}.",
        "Follow the yellow and white waymarks to the {a} wayside shrine.",
        "Seguire la segnaletica gialla e bianca fino all'edicola votiva di {a}.",
    ],
    [
        "Descendre par les prairies fleuries en direction de la bergerie de {b}.",
        "Walk down through the flowery meadows towards the {b} sheepfold.",
        "Scendere tra i prati fioriti in direzione dell'ovile di {b}.",
    ],
];
/// How a route ends, by route type: loop, out-and-back, one way.
pub const ENDINGS: [Tr; 3] = [
    [
        "Boucler l'itinéraire en descendant par le vallon de {b} jusqu'au parking.",
        "Complete the loop by descending through the {b} valley back to the car park.",
        "Chiudere l'anello scendendo per il vallone di {b} fino al parcheggio.",
    ],
    [
        "Redescendre par le même itinéraire jusqu'au point de départ.",
        "Return the same way to the starting point.",
        "Ridiscendere per lo stesso itinerario fino al punto di partenza.",
    ],
    [
        "Au pont de {a}, traverser la route avec prudence pour rejoindre l'arrêt de la navette.",
        "At the {a} bridge, cross the road carefully to reach the shuttle stop.",
        "Al ponte di {a}, attraversare la strada con prudenza per raggiungere la fermata della navetta.",
    ],
];
pub const MORE_INFO: Tr = [
    "Plus d'informations sur <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">le site de l'office de tourisme</a>.",
    "More information on <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">the tourist office's website</a>.",
    "Maggiori informazioni sul <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">sito dell'ufficio turistico</a>.",
];

pub const AMBIANCES: &[Tr] = &[
    [
        "Le vallon de {a} est un lieu de quiétude où l'on entend surtout le sifflement des marmottes.",
        "The {a} valley is a peaceful place where you mostly hear the whistling of marmots.",
        "Il vallone di {a} è un luogo di quiete dove si sente soprattutto il fischio delle marmotte.",
    ],
    [
        "Les bergers montent encore chaque été leurs troupeaux aux alpages de {b}, perpétuant une tradition séculaire.",
        "Shepherds still take their flocks up to the {b} pastures every summer, keeping a centuries-old tradition alive.",
        "I pastori portano ancora ogni estate le greggi agli alpeggi di {b}, perpetuando una tradizione secolare.",
    ],
    [
        "Au printemps, les pentes se couvrent de gentianes et de lis martagon.",
        "In spring, the slopes are covered with gentians and martagon lilies.",
        "In primavera, i pendii si coprono di genziane e gigli martagoni.",
    ],
    [
        "Le regard porte loin : par temps clair, on distingue les glaciers de {b} et la plaine au-delà.",
        "The view reaches far: on a clear day you can make out the {b} glaciers and the plain beyond.",
        "Lo sguardo spazia lontano: con il bel tempo si distinguono i ghiacciai di {b} e la pianura oltre.",
    ],
    [
        "Ce sentier muletier reliait autrefois {a} au marché de {b}.",
        "This mule track once linked {a} to the {b} market.",
        "Questa mulattiera collegava un tempo {a} al mercato di {b}.",
    ],
    [
        "La forêt de pins cembro abrite le cassenoix moucheté, qui en disperse les graines.",
        "The stone pine forest is home to the spotted nutcracker, which spreads its seeds.",
        "La foresta di pini cembri ospita la nocciolaia, che ne disperde i semi.",
    ],
];
pub const ADVICES: &[Tr] = &[
    [
        "La montée est soutenue : partez tôt le matin et emportez suffisamment d'eau.",
        "The climb is steady: set off early in the morning and carry enough water.",
        "La salita è sostenuta: partite presto la mattina e portate acqua a sufficienza.",
    ],
    [
        "Attention en cas d'orage, la crête est très exposée. Fortement déconseillé par mauvais temps.",
        "Beware of storms, the ridge is very exposed. Strongly discouraged in bad weather.",
        "Attenzione in caso di temporale, la cresta è molto esposta. Sconsigliato con il maltempo.",
    ],
    [
        "Des névés peuvent persister jusqu'en juillet sur le versant nord.",
        "Snowfields may remain on the north side until July.",
        "Nevai possono persistere fino a luglio sul versante nord.",
    ],
    [
        "Troupeaux en alpage : tenez votre chien en laisse et contournez les chiens de protection.",
        "Flocks on the pastures: keep your dog on a lead and walk around the guard dogs.",
        "Greggi all'alpeggio: tenete il cane al guinzaglio e aggirate i cani da guardiania.",
    ],
    [
        "Renseignez-vous sur la météo avant de partir et prévenez un proche de votre itinéraire.",
        "Check the weather forecast before setting off and tell someone about your route.",
        "Informatevi sul meteo prima di partire e comunicate a qualcuno il vostro itinerario.",
    ],
];
pub const GEAR: &[Tr] = &[
    [
        "Chaussures de randonnée",
        "Hiking boots",
        "Scarponi da escursionismo",
    ],
    ["Bâtons de marche", "Walking poles", "Bastoncini da trekking"],
    ["Vêtement de pluie", "Rain jacket", "Giacca impermeabile"],
    [
        "Lunettes de soleil et crème solaire",
        "Sunglasses and sun cream",
        "Occhiali da sole e crema solare",
    ],
    [
        "Deux litres d'eau par personne",
        "Two litres of water per person",
        "Due litri d'acqua a persona",
    ],
    ["Carte IGN au 1:25 000", "1:25,000 IGN map", "Carta IGN 1:25.000"],
    ["Vêtements chauds", "Warm clothes", "Abiti caldi"],
    [
        "Trousse de premiers secours",
        "First aid kit",
        "Kit di pronto soccorso",
    ],
];
pub const ACCESS: &[Tr] = &[
    [
        "Depuis {a}, suivre la D{n} jusqu'au terminus de la route à {b}.",
        "From {a}, follow the D{n} road to its end at {b}.",
        "Da {a}, seguire la D{n} fino al termine della strada a {b}.",
    ],
    [
        "À {a}, prendre la direction de {b} puis la route forestière sur {km} km.",
        "In {a}, head towards {b}, then take the forest road for {km} km.",
        "A {a}, prendere la direzione di {b}, poi la strada forestale per {km} km.",
    ],
    [
        "Accès par la D{n} depuis {a}, parking à l'entrée du hameau de {b}.",
        "Access via the D{n} from {a}, car park at the entrance to the hamlet of {b}.",
        "Accesso dalla D{n} da {a}, parcheggio all'ingresso della frazione di {b}.",
    ],
];
pub const TRANSPORT: &[Tr] = &[
    [
        "Navette estivale depuis la gare de {a}, horaires sur <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">le site du réseau</a>.",
        "Summer shuttle from {a} station, timetable on <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">the network's website</a>.",
        "Navetta estiva dalla stazione di {a}, orari sul <a href=\"{url}\" target=\"_blank\" rel=\"noopener\">sito della rete</a>.",
    ],
    [
        "Ligne régulière {n} : arrêt {a}, à 5 minutes à pied du départ.",
        "Regular bus line {n}: {a} stop, a 5-minute walk from the start.",
        "Linea regolare {n}: fermata {a}, a 5 minuti a piedi dalla partenza.",
    ],
];
pub const PARKING: Tr = ["Parking de {a}", "{a} car park", "Parcheggio di {a}"];
pub const RATINGS_DESCRIPTION: &[Tr] = &[
    [
        "L'effort est modéré mais la descente finale est raide.",
        "The effort is moderate but the final descent is steep.",
        "Lo sforzo è moderato ma la discesa finale è ripida.",
    ],
    [
        "Quelques passages techniques sur rochers, sans difficulté par temps sec.",
        "A few technical sections on rock, easy in dry weather.",
        "Alcuni passaggi tecnici su roccia, senza difficoltà con il secco.",
    ],
];
/// Accessibility texts of the few treks with `accessibilities`: advice, covering, exposure,
/// signage, slope, width, and the facilities (`disabled_infrastructure`).
pub const ACCESSIBILITY: [Tr; 7] = [
    [
        "Prévoir un accompagnateur pour la dernière montée.",
        "Plan for a companion on the last climb.",
        "Prevedere un accompagnatore per l'ultima salita.",
    ],
    [
        "Sentier stabilisé en terre battue.",
        "Stabilised earth path.",
        "Sentiero in terra battuta stabilizzata.",
    ],
    [
        "Sentier en grande partie ombragé.",
        "Mostly shaded path.",
        "Sentiero in gran parte ombreggiato.",
    ],
    [
        "Balisage en relief aux intersections.",
        "Tactile waymarks at junctions.",
        "Segnaletica in rilievo agli incroci.",
    ],
    [
        "Pente maximale de 8 %.",
        "Maximum gradient 8%.",
        "Pendenza massima 8%.",
    ],
    [
        "Largeur minimale de 1,40 m.",
        "Minimum width 1.40 m.",
        "Larghezza minima 1,40 m.",
    ],
    [
        "Toilettes adaptées et place de stationnement réservée au départ.",
        "Accessible toilets and a reserved parking space at the start.",
        "Servizi igienici accessibili e posto auto riservato alla partenza.",
    ],
];

/// POI types: (label, pictogram file, name pattern, description).
pub const POI_TYPES: &[(Tr, &str, Tr, Tr)] = &[
    (
        ["Sommet", "Peak", "Vetta"],
        "poi-peak.png",
        ["Pic de {a}", "{a} peak", "Picco di {a}"],
        [
            "Ce sommet offre un panorama exceptionnel sur les vallées alentour.",
            "This summit offers an exceptional panorama over the surrounding valleys.",
            "Questa vetta offre un panorama eccezionale sulle valli circostanti.",
        ],
    ),
    (
        ["Col", "Pass", "Colle"],
        "poi-pass.svg",
        ["Col de {a}", "{a} pass", "Colle di {a}"],
        [
            "Passage millénaire entre deux vallées, le col était emprunté par les colporteurs.",
            "An age-old crossing between two valleys, the pass was used by pedlars.",
            "Passaggio millenario tra due valli, il colle era percorso dai venditori ambulanti.",
        ],
    ),
    (
        ["Lac", "Lake", "Lago"],
        "poi-lake.png",
        ["Lac de {a}", "{a} lake", "Lago di {a}"],
        [
            "Ce lac d'origine glaciaire abrite l'omble chevalier.",
            "This glacial lake is home to Arctic char.",
            "Questo lago di origine glaciale ospita il salmerino alpino.",
        ],
    ),
    (
        ["Faune", "Fauna", "Fauna"],
        "poi-fauna.svg",
        ["Observatoire de {a}", "{a} wildlife hide", "Osservatorio di {a}"],
        [
            "Avec un peu de patience, on observe ici chamois, bouquetins et aigles royaux.",
            "With a little patience you can watch chamois, ibex and golden eagles here.",
            "Con un po' di pazienza si osservano qui camosci, stambecchi e aquile reali.",
        ],
    ),
    (
        ["Flore", "Flora", "Flora"],
        "poi-flora.svg",
        ["Prairie de {a}", "{a} meadow", "Prateria di {a}"],
        [
            "Les prairies de fauche accueillent plus de soixante espèces de fleurs en juin.",
            "The hay meadows host more than sixty species of flowers in June.",
            "I prati da sfalcio ospitano più di sessanta specie di fiori a giugno.",
        ],
    ),
    (
        ["Géologie", "Geology", "Geologia"],
        "poi-geology.png",
        [
            "Blocs erratiques de {a}",
            "{a} erratic boulders",
            "Massi erratici di {a}",
        ],
        [
            "Ces blocs de granite ont été transportés par le glacier il y a plus de 15 000 ans.",
            "These granite boulders were carried here by the glacier more than 15,000 years ago.",
            "Questi massi di granito sono stati trasportati dal ghiacciaio oltre 15.000 anni fa.",
        ],
    ),
    (
        ["Point de vue", "Viewpoint", "Punto panoramico"],
        "poi-viewpoint.svg",
        ["Belvédère de {a}", "{a} viewpoint", "Belvedere di {a}"],
        [
            "Table d'orientation : tous les sommets de la vallée y sont nommés.",
            "Viewpoint indicator: every summit of the valley is named on it.",
            "Tavola d'orientamento: tutte le vette della valle vi sono indicate.",
        ],
    ),
    (
        ["Refuge", "Mountain hut", "Rifugio"],
        "poi-hut.png",
        ["Refuge de {a}", "{a} hut", "Rifugio di {a}"],
        [
            "Refuge gardé de juin à septembre, réservation conseillée.",
            "Hut staffed from June to September, booking advised.",
            "Rifugio custodito da giugno a settembre, prenotazione consigliata.",
        ],
    ),
    (
        ["Cascade", "Waterfall", "Cascata"],
        "poi-waterfall.svg",
        ["Cascade de {a}", "{a} waterfall", "Cascata di {a}"],
        [
            "Spectaculaire à la fonte des neiges, la cascade chute de plus de 40 mètres.",
            "Spectacular when the snow melts, the waterfall drops more than 40 metres.",
            "Spettacolare al disgelo, la cascata fa un salto di oltre 40 metri.",
        ],
    ),
    (
        ["Patrimoine", "Heritage", "Patrimonio"],
        "poi-heritage.png",
        ["Chapelle Saint-{s}", "Saint-{s} chapel", "Cappella di San {s}"],
        [
            "Cette chapelle du XVIIe siècle conserve un cadran solaire peint.",
            "This 17th-century chapel still has a painted sundial.",
            "Questa cappella del XVII secolo conserva una meridiana dipinta.",
        ],
    ),
    (
        ["Architecture", "Architecture", "Architettura"],
        "poi-architecture.png",
        ["Chalets de {a}", "{a} chalets", "Baite di {a}"],
        [
            "Les chalets d'alpage, aux toits de mélèze, servaient d'habitat d'été.",
            "The summer chalets, roofed with larch shingles, were used as summer homes.",
            "Le baite d'alpeggio, con tetti in larice, erano abitazioni estive.",
        ],
    ),
    (
        ["Glacier", "Glacier", "Ghiacciaio"],
        "poi-glacier.svg",
        ["Glacier de {a}", "{a} glacier", "Ghiacciaio di {a}"],
        [
            "Le glacier a perdu plus de la moitié de sa surface depuis 1850.",
            "The glacier has lost more than half its area since 1850.",
            "Il ghiacciaio ha perso più della metà della sua superficie dal 1850.",
        ],
    ),
    (
        ["Source", "Spring", "Sorgente"],
        "poi-spring.png",
        ["Source de {a}", "{a} spring", "Sorgente di {a}"],
        [
            "Eau non contrôlée : pensez à la traiter avant de la boire.",
            "Untested water: treat it before drinking.",
            "Acqua non controllata: trattatela prima di berla.",
        ],
    ),
];
pub const POI_MORE: &[Tr] = &[
    [
        "Merci de rester sur le sentier pour préserver ce milieu fragile.",
        "Please stay on the path to protect this fragile environment.",
        "Si prega di restare sul sentiero per preservare questo ambiente fragile.",
    ],
    [
        "Un panneau d'interprétation présente l'histoire du lieu.",
        "An information panel tells the history of the place.",
        "Un pannello illustrativo presenta la storia del luogo.",
    ],
    [
        "Le site est particulièrement beau en fin de journée.",
        "The site is particularly beautiful in the late afternoon.",
        "Il sito è particolarmente bello a fine giornata.",
    ],
];

/// Touristic content categories: (label, pictogram, [(group label, [(type label, name pattern)])]).
pub type Category = (Tr, &'static str, [(Tr, &'static [(Tr, Tr)]); 2]);
pub const CATEGORIES: &[Category] = &[
    (
        ["Hébergement", "Accommodation", "Alloggio"],
        "touristiccontent-accommodation.svg",
        [
            (
                ["Type d'hébergement", "Type of accommodation", "Tipo di alloggio"],
                &[
                    (
                        ["Gîte d'étape", "Stopover", "Posto tappa"],
                        ["Gîte de {a}", "{a} gîte", "Posto tappa di {a}"],
                    ),
                    (
                        ["Refuge", "Mountain hut", "Rifugio"],
                        ["Refuge de {a}", "{a} hut", "Rifugio {a}"],
                    ),
                    (
                        ["Camping", "Campsite", "Campeggio"],
                        ["Camping de {a}", "{a} campsite", "Campeggio di {a}"],
                    ),
                    (
                        ["Hôtel", "Hotel", "Albergo"],
                        ["Hôtel du {a}", "Hotel {a}", "Albergo {a}"],
                    ),
                    (
                        ["Chambre d'hôtes", "Bed and breakfast", "Affittacamere"],
                        ["Chambres d'hôtes Les {a}s", "Les {a}s B&B", "B&B Les {a}s"],
                    ),
                ],
            ),
            (
                ["Label", "Label", "Marchio"],
                &[
                    (
                        [
                            "Accueil randonneurs",
                            "Hikers welcome",
                            "Accoglienza escursionisti",
                        ],
                        ["", "", ""],
                    ),
                    (
                        ["Accueil vélo", "Cyclists welcome", "Accoglienza ciclisti"],
                        ["", "", ""],
                    ),
                ],
            ),
        ],
    ),
    (
        ["Restauration", "Food and drink", "Ristorazione"],
        "touristiccontent-restaurant.svg",
        [
            (
                ["Type d'établissement", "Type of place", "Tipo di locale"],
                &[
                    (
                        ["Restaurant", "Restaurant", "Ristorante"],
                        ["Restaurant Le {a}", "Le {a} restaurant", "Ristorante Le {a}"],
                    ),
                    (
                        ["Ferme-auberge", "Farm inn", "Agriturismo"],
                        ["Ferme-auberge de {a}", "{a} farm inn", "Agriturismo di {a}"],
                    ),
                    (
                        [
                            "Buvette d'alpage",
                            "Mountain snack bar",
                            "Punto ristoro d'alpeggio",
                        ],
                        ["Buvette de {a}", "{a} snack bar", "Punto ristoro di {a}"],
                    ),
                ],
            ),
            (
                ["Spécialités", "Specialities", "Specialità"],
                &[
                    (
                        ["Cuisine de montagne", "Mountain cooking", "Cucina di montagna"],
                        ["", "", ""],
                    ),
                    (
                        ["Produits locaux", "Local produce", "Prodotti locali"],
                        ["", "", ""],
                    ),
                ],
            ),
        ],
    ),
    (
        [
            "Activités de pleine nature",
            "Outdoor activities",
            "Attività all'aria aperta",
        ],
        "touristiccontent-outdoor.svg",
        [
            (
                ["Activité", "Activity", "Attività"],
                &[
                    (
                        ["Escalade", "Climbing", "Arrampicata"],
                        ["Escalade à {a}", "Climbing in {a}", "Arrampicata a {a}"],
                    ),
                    (
                        ["Canyoning", "Canyoning", "Torrentismo"],
                        ["Canyon de {a}", "{a} canyon", "Forra di {a}"],
                    ),
                    (
                        ["Parapente", "Paragliding", "Parapendio"],
                        ["Parapente à {a}", "Paragliding in {a}", "Parapendio a {a}"],
                    ),
                    (
                        ["Location de VTT", "Mountain bike hire", "Noleggio mountain bike"],
                        ["{a} Bike", "{a} Bike", "{a} Bike"],
                    ),
                ],
            ),
            (
                ["Encadrement", "Supervision", "Accompagnamento"],
                &[
                    (["Avec un guide", "With a guide", "Con una guida"], ["", "", ""]),
                    (["En autonomie", "Self-guided", "In autonomia"], ["", "", ""]),
                ],
            ),
        ],
    ),
    (
        [
            "Patrimoine et culture",
            "Heritage and culture",
            "Patrimonio e cultura",
        ],
        "touristiccontent-heritage.svg",
        [
            (
                ["Type de site", "Type of site", "Tipo di sito"],
                &[
                    (
                        ["Musée", "Museum", "Museo"],
                        ["Musée de {a}", "{a} museum", "Museo di {a}"],
                    ),
                    (
                        ["Chapelle", "Chapel", "Cappella"],
                        ["Chapelle Saint-{s}", "Saint-{s} chapel", "Cappella di San {s}"],
                    ),
                    (
                        ["Site archéologique", "Archaeological site", "Sito archeologico"],
                        [
                            "Site gallo-romain de {a}",
                            "{a} Gallo-Roman site",
                            "Sito gallo-romano di {a}",
                        ],
                    ),
                ],
            ),
            (["Période", "Period", "Periodo"], &[]),
        ],
    ),
    (
        ["Produits du terroir", "Local products", "Prodotti tipici"],
        "touristiccontent-products.svg",
        [
            (
                ["Produit", "Product", "Prodotto"],
                &[
                    (
                        ["Fromagerie", "Cheese dairy", "Caseificio"],
                        ["Fromagerie de {a}", "{a} cheese dairy", "Caseificio di {a}"],
                    ),
                    (
                        ["Miellerie", "Honey farm", "Apicoltura"],
                        ["Miellerie des {a}s", "{a} honey farm", "Apicoltura {a}"],
                    ),
                    (
                        ["Marché", "Market", "Mercato"],
                        ["Marché de {a}", "{a} market", "Mercato di {a}"],
                    ),
                ],
            ),
            (
                ["Vente", "Sales", "Vendita"],
                &[(["Vente directe", "Farm shop", "Vendita diretta"], ["", "", ""])],
            ),
        ],
    ),
];
pub const CONTENT_DESCRIPTIONS: &[Tr] = &[
    [
        "Au cœur du village de {a}, nous vous accueillons toute l'année dans un cadre chaleureux.",
        "In the heart of {a} village, we welcome you all year round in a friendly setting.",
        "Nel cuore del paese di {a}, vi accogliamo tutto l'anno in un ambiente accogliente.",
    ],
    [
        "Une adresse appréciée des randonneurs, au départ de nombreux sentiers vers {b}.",
        "A place hikers love, at the start of many paths towards {b}.",
        "Un indirizzo apprezzato dagli escursionisti, alla partenza di numerosi sentieri verso {b}.",
    ],
    [
        "Produits locaux et de saison, préparés sur place par une équipe passionnée.",
        "Local seasonal produce, prepared on site by an enthusiastic team.",
        "Prodotti locali e di stagione, preparati sul posto da una squadra appassionata.",
    ],
    [
        "Encadrement par des professionnels diplômés d'État, matériel fourni.",
        "Supervised by state-qualified professionals, equipment provided.",
        "Accompagnamento da parte di professionisti abilitati, attrezzatura fornita.",
    ],
    [
        "Un lieu chargé d'histoire, témoin de la vie d'autrefois dans la vallée de {a}.",
        "A place steeped in history, bearing witness to the old way of life in the {a} valley.",
        "Un luogo ricco di storia, testimone della vita di un tempo nella valle di {a}.",
    ],
    [
        "Visites guidées en été, sur réservation auprès de l'office de tourisme.",
        "Guided tours in summer, booked through the tourist office.",
        "Visite guidate in estate, su prenotazione presso l'ufficio turistico.",
    ],
    [
        "Vente directe à la ferme : fromages, miel et confitures de montagne.",
        "Farm shop: cheese, honey and mountain jams.",
        "Vendita diretta in fattoria: formaggi, miele e confetture di montagna.",
    ],
];
/// The two paragraphs of a content's description, by category (indexes into
/// `CONTENT_DESCRIPTIONS`).
pub const CONTENT_PARAGRAPHS: [[usize; 2]; 5] = [[0, 1], [0, 2], [3, 1], [4, 5], [6, 2]];
pub const PRACTICAL_INFO: &[Tr] = &[
    [
        "Ouvert de mai à octobre, tous les jours de 9 h à 18 h.",
        "Open from May to October, every day from 9 am to 6 pm.",
        "Aperto da maggio a ottobre, tutti i giorni dalle 9 alle 18.",
    ],
    [
        "Réservation conseillée en juillet et août. Paiement par carte accepté.",
        "Booking advised in July and August. Cards accepted.",
        "Prenotazione consigliata a luglio e agosto. Si accettano carte.",
    ],
];

/// Event types: (label, name pattern); `EVENT_DESCRIPTIONS` holds their descriptions.
pub const EVENT_TYPES: &[(Tr, Tr)] = &[
    (
        ["Fête", "Festival", "Festa"],
        [
            "Fête de l'alpage de {a}",
            "{a} summer pasture festival",
            "Festa dell'alpeggio di {a}",
        ],
    ),
    (
        ["Sortie accompagnée", "Guided outing", "Uscita guidata"],
        [
            "Sortie nature : les oiseaux de {a}",
            "Nature outing: the birds of {a}",
            "Uscita naturalistica: gli uccelli di {a}",
        ],
    ),
    (
        ["Conférence", "Talk", "Conferenza"],
        [
            "Conférence : les glaciers de {a}",
            "Talk: the glaciers of {a}",
            "Conferenza: i ghiacciai di {a}",
        ],
    ),
    (
        ["Marché", "Market", "Mercato"],
        [
            "Marché de producteurs de {a}",
            "{a} farmers' market",
            "Mercato dei produttori di {a}",
        ],
    ),
    (
        ["Exposition", "Exhibition", "Mostra"],
        [
            "Exposition « Regards sur {a} »",
            "“Views of {a}” exhibition",
            "Mostra «Sguardi su {a}»",
        ],
    ),
    (
        ["Spectacle", "Show", "Spettacolo"],
        [
            "Concert à la chapelle de {a}",
            "Concert at the {a} chapel",
            "Concerto alla cappella di {a}",
        ],
    ),
];
pub const EVENT_DESCRIPTIONS: [Tr; 6] = [
    [
        "Venez partager une journée conviviale avec les habitants de {a} : animations, repas partagé et musique.",
        "Come and share a friendly day with the people of {a}: activities, shared meal and music.",
        "Venite a condividere una giornata conviviale con gli abitanti di {a}: animazioni, pranzo condiviso e musica.",
    ],
    [
        "Un garde du parc vous fait découvrir la faune et la flore du vallon de {a}.",
        "A park ranger introduces you to the wildlife and plants of the {a} valley.",
        "Una guardia del parco vi fa scoprire la fauna e la flora del vallone di {a}.",
    ],
    [
        "Une soirée pour comprendre l'évolution des paysages de montagne face au changement climatique.",
        "An evening to understand how mountain landscapes change with the climate.",
        "Una serata per capire l'evoluzione dei paesaggi di montagna di fronte al cambiamento climatico.",
    ],
    [
        "Fromages, charcuterie, miel et légumes : les producteurs de la vallée vendent en direct.",
        "Cheese, cured meats, honey and vegetables: the valley's producers sell directly.",
        "Formaggi, salumi, miele e verdure: i produttori della valle vendono direttamente.",
    ],
    [
        "Une exposition de photographies sur les paysages et les habitants de {a}.",
        "An exhibition of photographs of the landscapes and people of {a}.",
        "Una mostra fotografica sui paesaggi e gli abitanti di {a}.",
    ],
    [
        "Un concert de musique baroque dans l'acoustique remarquable de la chapelle.",
        "A baroque music concert in the chapel's remarkable acoustics.",
        "Un concerto di musica barocca nell'acustica straordinaria della cappella.",
    ],
];
pub const EVENT_MORE: Tr = [
    "Renseignements et inscriptions à l'office de tourisme de {a}.",
    "Information and registration at the {a} tourist office.",
    "Informazioni e iscrizioni presso l'ufficio turistico di {a}.",
];
pub const ORGANIZERS: &[&str] = &[
    "Office de tourisme de la vallée",
    "Parc naturel synthétique",
    "Association Les Amis de la Montagne",
    "Comité des fêtes",
];

/// Sensitive areas: species (name, months), or a quiet zone pattern.
pub const SPECIES: &[(Tr, [bool; 12])] = &[
    (
        ["Aigle royal", "Golden eagle", "Aquila reale"],
        [
            false, true, true, true, true, true, true, false, false, false, false, false,
        ],
    ),
    (
        ["Gypaète barbu", "Bearded vulture", "Gipeto"],
        [
            true, true, true, true, true, true, false, false, false, false, false, true,
        ],
    ),
    (
        ["Tétras-lyre", "Black grouse", "Fagiano di monte"],
        [
            true, true, true, true, true, true, true, false, false, false, false, true,
        ],
    ),
    (
        ["Lagopède alpin", "Rock ptarmigan", "Pernice bianca"],
        [
            true, true, true, false, false, true, true, false, false, false, false, true,
        ],
    ),
    (
        ["Faucon pèlerin", "Peregrine falcon", "Falco pellegrino"],
        [
            false, false, true, true, true, true, true, false, false, false, false, false,
        ],
    ),
];
pub const QUIET_ZONE: Tr = [
    "Zone de quiétude de {a}",
    "{a} quiet zone",
    "Zona di quiete di {a}",
];
pub const AREA_DESCRIPTIONS: &[Tr] = &[
    [
        "Site de reproduction : merci de ne pas quitter les sentiers et de ne pas survoler la zone.",
        "Breeding site: please keep to the paths and do not fly over the area.",
        "Sito di riproduzione: si prega di non lasciare i sentieri e di non sorvolare la zona.",
    ],
    [
        "En hiver, chaque dérangement fait perdre aux oiseaux une énergie vitale.",
        "In winter, every disturbance costs the birds vital energy.",
        "In inverno, ogni disturbo fa perdere agli uccelli un'energia vitale.",
    ],
];

/// Flat pages: (title, paragraphs, parent index into this list).
pub const FLAT_PAGES: &[(Tr, &[Tr], Option<usize>)] = &[
    (
        ["Préparer sa randonnée", "Planning your hike", "Preparare l'escursione"],
        &[[
            "Quelques conseils pour partir l'esprit tranquille.",
            "A few tips to set off with peace of mind.",
            "Alcuni consigli per partire tranquilli.",
        ]],
        None,
    ),
    (
        ["Sécurité en montagne", "Safety in the mountains", "Sicurezza in montagna"],
        &[
            [
                "En cas d'accident, composez le <strong>112</strong>.",
                "In an emergency, dial <strong>112</strong>.",
                "In caso di incidente, chiamate il <strong>112</strong>.",
            ],
            [
                "Ne partez jamais seul sur un itinéraire que vous ne connaissez pas.",
                "Never go alone on a route you do not know.",
                "Non partite mai da soli su un itinerario che non conoscete.",
            ],
        ],
        Some(0),
    ),
    (
        ["Météo", "Weather", "Meteo"],
        &[[
            "Consultez le bulletin de Météo-France la veille et le matin de votre sortie.",
            "Check the Météo-France forecast the day before and on the morning of your outing.",
            "Consultate il bollettino di Météo-France il giorno prima e la mattina dell'uscita.",
        ]],
        Some(0),
    ),
    (
        ["Réglementation", "Regulations", "Regolamento"],
        &[
            [
                "Dans le cœur du parc, les chiens, le camping et les feux sont interdits.",
                "In the heart of the park, dogs, camping and fires are forbidden.",
                "Nel cuore del parco, cani, campeggio e fuochi sono vietati.",
            ],
            [
                "Le bivouac est toléré de 19 h à 9 h à plus d'une heure de marche des routes.",
                "Bivouacking is allowed from 7 pm to 9 am more than an hour's walk from roads.",
                "Il bivacco è tollerato dalle 19 alle 9 a più di un'ora di cammino dalle strade.",
            ],
        ],
        None,
    ),
    (
        ["Accessibilité", "Accessibility", "Accessibilità"],
        &[[
            "Plusieurs sentiers sont accessibles aux personnes à mobilité réduite, en fauteuil ou en joëlette.",
            "Several paths are accessible to people with reduced mobility, in a wheelchair or a joëlette.",
            "Diversi sentieri sono accessibili alle persone con mobilità ridotta, in carrozzina o joëlette.",
        ]],
        None,
    ),
    (
        ["Qui sommes-nous ?", "About us", "Chi siamo"],
        &[[
            "Ce portail présente les sentiers d'une instance Geotrek synthétique, générée pour les tests.",
            "This portal presents the paths of a synthetic Geotrek instance, generated for tests.",
            "Questo portale presenta i sentieri di un'istanza Geotrek sintetica, generata per i test.",
        ]],
        None,
    ),
];

/// Nomenclatures: (label, pictogram file). Their ids are their 1-based position.
pub const PRACTICES: &[(Tr, &str)] = &[
    (["Pédestre", "Hiking", "Escursionismo"], "practice-hiking.svg"),
    (["Trail", "Trail running", "Trail running"], "practice-trail.svg"),
    (
        ["VTT", "Mountain bike", "Mountain bike"],
        "practice-mountainbike.svg",
    ),
    (["Cheval", "Horse riding", "Equitazione"], "practice-horse.svg"),
    (["Raquettes", "Snowshoeing", "Ciaspole"], "practice-snowshoes.svg"),
];
pub const DIFFICULTIES: &[(Tr, &str)] = &[
    (["Très facile", "Very easy", "Molto facile"], "difficulty-1.svg"),
    (["Facile", "Easy", "Facile"], "difficulty-2.svg"),
    (["Moyen", "Medium", "Media"], "difficulty-3.svg"),
    (["Difficile", "Hard", "Difficile"], "difficulty-4.svg"),
    (
        ["Très difficile", "Very hard", "Molto difficile"],
        "difficulty-5.svg",
    ),
];
pub const ROUTES: &[(Tr, &str)] = &[
    (["Boucle", "Loop", "Anello"], "route-loop.svg"),
    (
        ["Aller-retour", "Return trip", "Andata e ritorno"],
        "route-return.svg",
    ),
    (["Traversée", "Crossing", "Traversata"], "route-cross.svg"),
    (
        ["Itinérance", "Multi-day trip", "Trekking di più giorni"],
        "route-roaming.svg",
    ),
];
pub const NETWORKS: &[(Tr, &str)] = &[
    (["PR", "PR", "PR"], "network-pr.svg"),
    (["GR", "GR", "GR"], "network-gr.svg"),
    (["GRP", "GRP", "GRP"], "network-grp.svg"),
    (["VTT", "Bike", "MTB"], "network-vtt.svg"),
    (["Équestre", "Bridleway", "Ippovia"], "network-horse.svg"),
];
pub const THEMES: &[(Tr, &str)] = &[
    (["Faune", "Fauna", "Fauna"], "theme-fauna.png"),
    (["Flore", "Flora", "Flora"], "theme-flora.png"),
    (["Géologie", "Geology", "Geologia"], "theme-geology.png"),
    (
        [
            "Histoire et patrimoine",
            "History and heritage",
            "Storia e patrimonio",
        ],
        "theme-history.png",
    ),
    (
        ["Lacs et glaciers", "Lakes and glaciers", "Laghi e ghiacciai"],
        "theme-lakes.png",
    ),
    (["Point de vue", "Viewpoint", "Panorama"], "theme-viewpoint.png"),
    (
        ["Pastoralisme", "Pastoralism", "Pastorizia"],
        "theme-pastoralism.png",
    ),
    (
        ["Architecture", "Architecture", "Architettura"],
        "theme-architecture.png",
    ),
    (["Refuge", "Mountain hut", "Rifugio"], "theme-hut.png"),
    (["Sommet", "Summit", "Vetta"], "theme-summit.png"),
];
/// Labels: (name, advice, usable as a search filter, pictogram).
pub const LABELS: &[(Tr, Tr, bool, &str)] = &[
    (
        ["Cœur de parc", "In the heart of the park", "Nel cuore del parco"],
        [
            "Le cœur du parc est un espace naturel ouvert à tous, mais soumis à une réglementation qu'il est utile de connaître.",
            "The heart of the park is a natural area open to all, but subject to regulations worth knowing.",
            "Il cuore del parco è uno spazio naturale aperto a tutti, ma soggetto a un regolamento che è utile conoscere.",
        ],
        true,
        "label-park.svg",
    ),
    (
        ["Chiens interdits", "No dogs", "Cani vietati"],
        [
            "Les chiens, même tenus en laisse, sont interdits pour préserver la faune sauvage.",
            "Dogs, even on a lead, are forbidden to protect wildlife.",
            "I cani, anche al guinzaglio, sono vietati per preservare la fauna selvatica.",
        ],
        true,
        "label-nodog.svg",
    ),
    (
        [
            "Accessible en transport en commun",
            "Reachable by public transport",
            "Raggiungibile con i mezzi pubblici",
        ],
        ["", "", ""],
        false,
        "label-bus.svg",
    ),
    (
        ["Sentier de découverte", "Discovery trail", "Sentiero didattico"],
        [
            "Des panneaux jalonnent le parcours pour découvrir le milieu.",
            "Panels along the way help you discover the surroundings.",
            "Pannelli lungo il percorso aiutano a scoprire l'ambiente.",
        ],
        false,
        "label-discovery.svg",
    ),
];
pub const ACCESSIBILITIES: &[(Tr, &str)] = &[
    (
        ["Fauteuil roulant", "Wheelchair", "Sedia a rotelle"],
        "accessibility-wheelchair.png",
    ),
    (
        ["Poussette", "Pushchair", "Passeggino"],
        "accessibility-pushchair.png",
    ),
    (["Joëlette", "Joëlette", "Joëlette"], "accessibility-joelette.png"),
];
pub const ACCESSIBILITY_LEVELS: &[Tr] = &[
    ["Débutant", "Beginner", "Principiante"],
    ["Expérimenté", "Experienced", "Esperto"],
];
/// Rating scales of the hiking practice, with their three ratings (name, colour).
pub const RATING_SCALES: &[(Tr, [(Tr, &str); 3])] = &[
    (
        ["Effort", "Effort", "Sforzo"],
        [
            (["Faible", "Low", "Basso"], "#6BBE45"),
            (["Moyen", "Medium", "Medio"], "#F5A623"),
            (["Soutenu", "High", "Elevato"], "#D0021B"),
        ],
    ),
    (
        ["Technicité", "Technicality", "Tecnicità"],
        [
            (["Sentier facile", "Easy path", "Sentiero facile"], "#6BBE45"),
            (
                ["Passages rocheux", "Rocky sections", "Passaggi rocciosi"],
                "#F5A623",
            ),
            (
                ["Passages aériens", "Exposed sections", "Passaggi esposti"],
                "#D0021B",
            ),
        ],
    ),
];
/// Sources: (name, pictogram, website path).
pub const SOURCES: &[(&str, &str)] = &[
    ("Parc naturel synthétique", "source-park.png"),
    ("Office de tourisme intercommunal", "source-tourism.png"),
    ("Fédération de randonnée", "source-federation.png"),
];
pub const STRUCTURES: &[&str] = &[
    "Parc naturel synthétique",
    "Communauté de communes du Haut-Val",
    "Département",
];
/// Portals: (technical name, title, description).
pub const PORTALS: &[(&str, Tr, Tr)] = &[
    (
        "rando",
        [
            "Randonnées des Alpes synthétiques",
            "Synthetic Alps hikes",
            "Escursioni nelle Alpi sintetiche",
        ],
        [
            "Le portail de la randonnée",
            "The hiking portal",
            "Il portale dell'escursionismo",
        ],
    ),
    (
        "vtt",
        ["Espace VTT", "Mountain bike area", "Spazio MTB"],
        ["Les itinéraires VTT", "Mountain bike routes", "Gli itinerari MTB"],
    ),
];
pub const WEBLINK_CATEGORIES: &[(Tr, &str)] = &[
    (["À lire", "Further reading", "Da leggere"], "weblink-book.png"),
    (["Météo", "Weather", "Meteo"], "weblink-weather.png"),
    (["Transports", "Transport", "Trasporti"], "weblink-bus.png"),
];
pub const WEB_LINKS: &[Tr] = &[
    [
        "Bulletin météo de la vallée",
        "Valley weather forecast",
        "Bollettino meteo della valle",
    ],
    [
        "Horaires des navettes",
        "Shuttle timetable",
        "Orari delle navette",
    ],
    [
        "Histoire du sentier",
        "History of the path",
        "Storia del sentiero",
    ],
];
pub const RESERVATION_SYSTEMS: &[&str] = &["Open System", "Réserv'Alpes"];
pub const LABELS_ACCESSIBILITY: &[(Tr, &str)] = &[
    (
        [
            "Tourisme & Handicap",
            "Tourism & Disability",
            "Turismo e disabilità",
        ],
        "label-th.png",
    ),
    (
        ["Accès facilité", "Easy access", "Accesso facilitato"],
        "label-easy.png",
    ),
];
pub const DESK_TYPES: &[(Tr, &str)] = &[
    (
        ["Office de tourisme", "Tourist office", "Ufficio turistico"],
        "desktype-tourism.svg",
    ),
    (
        ["Maison du parc", "Park visitor centre", "Centro visite del parco"],
        "desktype-park.svg",
    ),
    (
        ["Relais d'information", "Information point", "Punto informazioni"],
        "desktype-info.svg",
    ),
];
pub const DESK_NAMES: [Tr; 3] = [
    [
        "Office de tourisme de {a}",
        "{a} tourist office",
        "Ufficio turistico di {a}",
    ],
    [
        "Maison du parc de {a}",
        "{a} park visitor centre",
        "Centro visite del parco di {a}",
    ],
    [
        "Relais d'information de {a}",
        "{a} information point",
        "Punto informazioni di {a}",
    ],
];
pub const DESK_DESCRIPTION: Tr = [
    "Accueil, documentation, cartes et topoguides. Ouvert tous les jours en été.",
    "Reception, brochures, maps and guidebooks. Open every day in summer.",
    "Accoglienza, documentazione, carte e guide. Aperto tutti i giorni in estate.",
];
pub const SENSITIVE_PRACTICES: &[Tr] = &[["Terrestre", "Land", "Terrestre"], ["Aérien", "Aerial", "Aereo"]];
/// Rules of sensitive areas: (code, name, description, pictogram).
pub const AREA_RULES: &[(&str, Tr, Tr, &str)] = &[
    (
        "R1",
        ["Chiens interdits", "No dogs", "Cani vietati"],
        ["Même tenus en laisse.", "Even on a lead.", "Anche al guinzaglio."],
        "rule-nodog.svg",
    ),
    (
        "R2",
        ["Survol interdit", "No overflight", "Sorvolo vietato"],
        [
            "Drones et parapentes compris.",
            "Including drones and paragliders.",
            "Compresi droni e parapendii.",
        ],
        "rule-noflight.svg",
    ),
    (
        "R3",
        [
            "Rester sur les sentiers",
            "Keep to the paths",
            "Restare sui sentieri",
        ],
        ["", "", ""],
        "rule-path.svg",
    ),
];
pub const ORGANISMS: &[&str] = &["Club alpin de la vallée", "Bureau des guides"];
pub const OUTDOOR_SECTORS: &[Tr] = &[
    ["Vertical", "Vertical", "Verticale"],
    ["Aérien", "Aerial", "Aereo"],
    ["Aquatique", "Water", "Acquatico"],
];
/// Outdoor practices: (name, sector id, pictogram, site type, course type, rating scale,
/// ratings, site name, course name).
pub type OutdoorPractice = (Tr, u64, &'static str, Tr, Tr, Tr, &'static [&'static str], Tr, Tr);
pub const OUTDOOR_PRACTICES: &[OutdoorPractice] = &[
    (
        ["Escalade", "Climbing", "Arrampicata"],
        1,
        "outdoor-climbing.svg",
        ["Falaise", "Crag", "Falesia"],
        ["Voie", "Route", "Via"],
        ["Cotation française", "French grade", "Grado francese"],
        &["4c", "5b", "6a", "6b+", "7a"],
        ["Falaise de {a}", "{a} crag", "Falesia di {a}"],
        ["Voie des {a}s", "{a}s route", "Via dei {a}s"],
    ),
    (
        ["Via ferrata", "Via ferrata", "Via ferrata"],
        1,
        "outdoor-viaferrata.svg",
        ["Site de via ferrata", "Via ferrata site", "Sito di via ferrata"],
        ["Parcours", "Course", "Percorso"],
        ["Cotation via ferrata", "Via ferrata grade", "Grado via ferrata"],
        &["F", "PD", "AD", "D", "TD"],
        ["Via ferrata de {a}", "{a} via ferrata", "Via ferrata di {a}"],
        ["Parcours de {a}", "{a} course", "Percorso di {a}"],
    ),
    (
        ["Parapente", "Paragliding", "Parapendio"],
        2,
        "outdoor-paragliding.svg",
        ["Site de vol", "Flying site", "Sito di volo"],
        ["Vol", "Flight", "Volo"],
        ["Niveau de pilotage", "Pilot level", "Livello di pilotaggio"],
        &["Débutant", "Confirmé", "Expert"],
        ["Décollage de {a}", "{a} take-off", "Decollo di {a}"],
        ["Vol de {a}", "{a} flight", "Volo di {a}"],
    ),
    (
        ["Canyoning", "Canyoning", "Torrentismo"],
        3,
        "outdoor-canyoning.svg",
        ["Canyon", "Canyon", "Forra"],
        ["Descente", "Descent", "Discesa"],
        ["Cotation canyon", "Canyon grade", "Grado torrentismo"],
        &["v2a2", "v3a2", "v3a3", "v4a3"],
        ["Canyon de {a}", "{a} canyon", "Forra di {a}"],
        ["Descente de {a}", "{a} descent", "Discesa di {a}"],
    ),
];
pub const OUTDOOR_DESCRIPTIONS: &[Tr] = &[
    [
        "Un site équipé par le club local, praticable presque toute l'année.",
        "A site equipped by the local club, usable almost all year round.",
        "Un sito attrezzato dal club locale, praticabile quasi tutto l'anno.",
    ],
    [
        "Rocher de bonne qualité, approche courte depuis le parking de {a}.",
        "Good quality rock, short approach from the {a} car park.",
        "Roccia di buona qualità, avvicinamento breve dal parcheggio di {a}.",
    ],
];
pub const OUTDOOR_PERIOD: Tr = ["D'avril à octobre", "April to October", "Da aprile a ottobre"];
pub const OUTDOOR_ADVICE: Tr = [
    "Casque obligatoire. Renseignez-vous sur l'état de l'équipement avant de partir.",
    "Helmet required. Check the state of the equipment before setting off.",
    "Casco obbligatorio. Informatevi sullo stato delle attrezzature prima di partire.",
];
pub const OUTDOOR_EQUIPMENT: Tr = [
    "Corde de 70 m, 12 dégaines",
    "70 m rope, 12 quickdraws",
    "Corda da 70 m, 12 rinvii",
];
