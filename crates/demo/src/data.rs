//! What the demo office is made of: its areas, categories, staff names and the words
//! officers and residents write.

use liaison_domain::concerns::{Action, Priority, Status};
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::Role;

/// Status mix by age in days (in `Status::ALL` order): recent concerns are mostly open,
/// old ones mostly closed; old open ones are the overdue backlog.
/// None is appealed here: the demo setup appeals a few through the application.
pub(crate) const STATUS_BY_AGE: &[(i64, [u32; 10])] = &[
    (1, [55, 20, 12, 3, 2, 4, 0, 2, 2, 0]),
    (7, [15, 20, 30, 8, 4, 12, 4, 3, 4, 0]),
    (30, [3, 8, 28, 9, 5, 22, 16, 4, 5, 0]),
    (90, [1, 2, 12, 5, 3, 20, 48, 4, 5, 0]),
    (i64::MAX, [0, 0, 2, 1, 1, 5, 82, 4, 5, 0]),
];

/// The usual ways to each status, with how often each is taken.
pub(crate) const PATHS: &[(Status, u32, &[Action])] = {
    use Action::*;
    use Status::*;
    &[
        (Received, 1, &[]),
        (Acknowledged, 1, &[Acknowledge]),
        (InProgress, 75, &[Acknowledge, Start]),
        (InProgress, 10, &[Start]),
        (InProgress, 10, &[Acknowledge, AwaitReporter, Resume]),
        (InProgress, 5, &[Acknowledge, Escalate, ReturnToHandling]),
        (AwaitingReporter, 60, &[Acknowledge, AwaitReporter]),
        (AwaitingReporter, 40, &[Acknowledge, Start, AwaitReporter]),
        (Escalated, 45, &[Acknowledge, Escalate]),
        (Escalated, 45, &[Acknowledge, Start, Escalate]),
        (Escalated, 10, &[Escalate]),
        (Resolved, 55, &[Acknowledge, Start, Resolve]),
        (Resolved, 25, &[Acknowledge, Resolve]),
        (Resolved, 10, &[Acknowledge, AwaitReporter, Resume, Resolve]),
        (Resolved, 5, &[Acknowledge, Escalate, Resolve]),
        (Resolved, 5, &[Acknowledge, Start, Resolve, Reopen, Resolve]),
        (Closed, 45, &[Acknowledge, Start, Resolve, Close]),
        (Closed, 35, &[Acknowledge, Resolve, Close]),
        (
            Closed,
            8,
            &[Acknowledge, AwaitReporter, Resume, Resolve, Close],
        ),
        (Closed, 7, &[Acknowledge, Escalate, Resolve, Close]),
        (
            Closed,
            5,
            &[Acknowledge, Resolve, Close, Reopen, Resolve, Close],
        ),
        (Withdrawn, 40, &[Withdraw]),
        (Withdrawn, 40, &[Acknowledge, Withdraw]),
        (Withdrawn, 20, &[Acknowledge, AwaitReporter, Withdraw]),
        (Rejected, 40, &[Reject]),
        (Rejected, 60, &[Acknowledge, Reject]),
    ]
};

/// How concerns arrive, in `Channel::ALL` order (portal, phone, walk-in, email, letter,
/// social media, meeting, field, API); staff-only categories never come from the portal.
pub(crate) const CHANNELS: [u32; 9] = [30, 20, 15, 10, 2, 6, 7, 6, 4];
pub(crate) const STAFF_CHANNELS: [u32; 9] = [0, 30, 25, 15, 5, 5, 10, 10, 0];
/// Reception by hour of the day: mostly office hours, some evenings, few nights.
pub(crate) const HOURS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 13, 13, 12, 10, 8, 6, 5, 4, 3, 2, 1,
];
pub(crate) const LANGUAGES: [&str; 3] = ["en", "es", "fr"];

pub(crate) const AREAS: &[(&str, f64, f64)] = &[
    ("Riverside Central", -26.1850, 27.9800),
    ("Riverside Extension 4", -26.1920, 27.9650),
    ("Thembalethu", -26.2210, 27.9550),
    ("Kgotsong Village", -26.2480, 27.9300),
    ("Mountain View", -26.1700, 27.9950),
    ("Hillside (Ward 14)", -26.2050, 28.0100),
    ("Phomolong Informal Settlement", -26.2350, 27.9750),
    ("Green Valley Farms", -26.2600, 27.9100),
    ("Station Road Industrial", -26.1980, 27.9880),
    ("Mine Hostel", -26.2150, 27.9400),
    ("Klipfontein", -26.1600, 27.9500),
    ("Vukuzenzele", -26.2420, 27.9950),
];

pub(crate) const STREETS: &[&str] = &[
    "Main Road",
    "Church Street",
    "Mandela Drive",
    "Station Road",
    "Jacaranda Avenue",
    "Tambo Street",
    "Mine Road",
    "Kerk Street",
    "Protea Crescent",
    "Sisulu Street",
    "River Road",
    "Msimang Street",
];

pub(crate) const PLACES: &[&str] = &[
    "the primary school",
    "the taxi rank",
    "the clinic",
    "the community hall",
    "the spaza shop",
    "the river crossing",
    "the church",
    "the sports field",
    "the hostel",
    "the four-way stop",
    "the low-water bridge",
    "the old mine shaft",
];

pub(crate) const FIXED_STAFF: &[(&str, &str, Role)] = &[
    ("Nomsa Dube", "admin@riverside.example", Role::Administrator),
    (
        "Pieter Botha",
        "pieter.botha@riverside.example",
        Role::Supervisor,
    ),
    (
        "Lindiwe Mahlangu",
        "lindiwe.mahlangu@riverside.example",
        Role::Supervisor,
    ),
    (
        "Sizwe Mabuza",
        "sizwe.mabuza@water.municipality.example",
        Role::Partner,
    ),
    (
        "Elena Venter",
        "elena.venter@roads-agency.example",
        Role::Partner,
    ),
    ("Grace Phiri", "grace.phiri@riverside.example", Role::Viewer),
];

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Thabo", "Nomvula", "Sipho", "Lerato", "Pieter", "Anele", "Zanele", "Johan", "Ayanda",
    "Kagiso", "Palesa", "Mpho", "Themba", "Naledi", "Bongani", "Karabo", "Lindiwe", "Tshepo",
    "Refilwe", "Sibusiso", "Precious", "Andile", "Busisiwe", "Hendrik", "Sarah", "Fatima", "Ahmed",
    "Priya", "Rajesh", "Maria", "Chipo", "Tendai", "Lungile", "Nandi", "Kabelo", "Dineo", "Willem",
    "Grace", "Mandla", "Zodwa",
];

pub(crate) const LAST_NAMES: &[&str] = &[
    "Dlamini",
    "Nkosi",
    "Ndlovu",
    "Khumalo",
    "Mokoena",
    "Mahlangu",
    "Sithole",
    "Zulu",
    "Mthembu",
    "Naidoo",
    "van der Merwe",
    "Botha",
    "Pretorius",
    "Molefe",
    "Masilela",
    "Radebe",
    "Baloyi",
    "Mabaso",
    "Maluleke",
    "Hlongwane",
    "Pillay",
    "Smith",
    "Jacobs",
    "Williams",
    "Nel",
    "Coetzee",
    "Mokwena",
    "Tshabalala",
    "Moyo",
    "Sibanda",
    "Ngubane",
    "Shabalala",
    "Mofokeng",
    "Phiri",
    "Kruger",
    "Venter",
    "Govender",
    "Majola",
    "Cele",
    "Motaung",
];

pub(crate) const ACK_NOTES: &[&str] = &[
    "Thank you for contacting the Riverside liaison office. We have registered your concern.",
    "Concern registered; an officer will contact you within two working days.",
];
pub(crate) const START_NOTES: &[&str] = &[
    "An officer has started looking into this.",
    "Site visit planned for this week.",
];
pub(crate) const AWAIT_NOTES: &[&str] = &[
    "Please tell us the exact place and the times when this happens.",
    "We tried to call you; please contact the office so we can arrange a visit.",
    "Please send photos if you can, by email or at the office.",
];
pub(crate) const RESUME_NOTES: &[&str] = &[
    "Reporter sent the details we asked for.",
    "Reporter called back; visit arranged.",
];
pub(crate) const ESCALATE_NOTES: &[&str] = &[
    "Repeated complaint from the same street; needs a decision from the project manager.",
    "Possible safety risk; escalated to the supervisor.",
    "Contractor disputes the facts; escalated for a joint meeting.",
];
pub(crate) const RETURN_NOTES: &[&str] = &[
    "Supervisor met the contractor; back to the officer to follow up.",
    "Decision taken; officer to inform the reporter.",
];
pub(crate) const CLOSE_NOTES: &[&str] = &[
    "Reporter confirmed they are satisfied.",
    "No further complaints in thirty days; closing.",
    "Closed after a follow-up visit.",
];
pub(crate) const REOPEN_NOTES: &[&str] = &[
    "The problem has started again; reporter called the office.",
    "Reporter not satisfied with the outcome.",
];
pub(crate) const WITHDRAW_NOTES: &[&str] = &[
    "Reporter asked to withdraw the concern.",
    "Reporter says the matter was settled directly with the contractor.",
];
pub(crate) const REJECT_NOTES: &[&str] = &[
    "Outside the project's responsibility; referred to the municipality.",
    "Not enough information and the reporter could not be reached after three attempts.",
];
pub(crate) const NOTES: &[&str] = &[
    "Called the reporter; no answer, will try again tomorrow.",
    "Discussed at the weekly grievance meeting.",
    "Photos from the site added to the file.",
    "Referred to the contractor's site manager for comment.",
    "Ward councillor informed.",
];
pub(crate) const UPDATES: &[&str] = &[
    "An officer visited the site and is following up with the contractor.",
    "We are waiting for the contractor's report and will update you within a week.",
    "The matter was discussed with the ward committee; we will let you know the outcome.",
];

/// A category with the sentences its concerns and their handling are made of.
pub(crate) struct CategorySpec {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) ack: Target,
    pub(crate) resolve: Target,
    pub(crate) priority: Priority,
    pub(crate) public: bool,
    /// Share of all concerns.
    pub(crate) weight: u32,
    /// Sentences of descriptions (`{place}` becomes a landmark).
    pub(crate) issues: &'static [&'static str],
    /// What reporters ask for.
    pub(crate) asks: &'static [&'static str],
    /// How such concerns get resolved.
    pub(crate) fixes: &'static [&'static str],
    /// Internal notes typical of the category.
    pub(crate) notes: &'static [&'static str],
    pub(crate) questions: &'static [QuestionSpec],
}

/// An intake question as the category form takes it. `options` holds the choices, one per
/// line, or for questions answered freely, sample answers.
pub(crate) struct QuestionSpec {
    pub(crate) code: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) required: bool,
    pub(crate) label: &'static str,
    pub(crate) help: &'static str,
    pub(crate) options: &'static str,
}

pub(crate) const fn question(
    code: &'static str,
    kind: &'static str,
    required: bool,
    label: &'static str,
    options: &'static str,
) -> QuestionSpec {
    QuestionSpec {
        code,
        kind,
        required,
        label,
        help: "",
        options,
    }
}

impl QuestionSpec {
    pub(crate) const fn help(self, help: &'static str) -> Self {
        QuestionSpec { help, ..self }
    }
}

pub(crate) const fn hours(amount: u32) -> Target {
    Target {
        amount,
        unit: TargetUnit::WorkingHours,
    }
}

pub(crate) const fn days(amount: u32) -> Target {
    Target {
        amount,
        unit: TargetUnit::CalendarDays,
    }
}

pub(crate) const CATEGORIES: &[CategorySpec] = &[
    CategorySpec {
        code: "dust",
        name: "Dust & air quality",
        description: "Dust from roads, blasting, crushers or stockpiles; smoke and smells.",
        ack: hours(8),
        resolve: days(10),
        priority: Priority::Normal,
        public: true,
        weight: 18,
        issues: &[
            "Thick dust from the haul road blows into our houses every afternoon.",
            "The trucks drive fast on the gravel road near {place} and the dust is terrible.",
            "Washing on the line is covered in red dust within an hour.",
            "My children are coughing at night and the clinic says it is the dust.",
            "The water cart has not sprayed the road for a week.",
            "Dust from the crusher plant settles on our vegetable garden and roof tanks.",
        ],
        asks: &[
            "Please make the contractor spray the road more often.",
            "We want someone to come and measure the air quality.",
            "Please tell us what you are going to do about it.",
        ],
        fixes: &[
            "The contractor added a second water cart and sprays the haul road every two hours.",
            "Dust monitors installed near the school; readings shared with the ward committee.",
            "Speed limit of 40 km/h enforced for trucks on the gravel section.",
        ],
        notes: &[
            "Dust fallout bucket readings for last month requested from the environmental officer.",
            "Water cart logbook checked: no spraying on the days reported.",
        ],
        questions: &[
            question(
                "dust_source",
                "single_choice",
                true,
                "Where does the dust come from?",
                "Haul road\nBlasting\nCrusher plant\nStockpiles\nNot sure",
            ),
            question(
                "worst_times",
                "multiple_choice",
                false,
                "When is it worst?",
                "Morning\nAfternoon\nEvening\nNight",
            )
            .help("Tick all that apply."),
            question(
                "households",
                "number",
                false,
                "How many households are affected?",
                "1\n2\n3\n4\n6\n10\n15\n25",
            ),
            question("since", "date", false, "Since when?", "")
                .help("The day you first noticed it."),
        ],
    },
    CategorySpec {
        code: "noise",
        name: "Noise & blasting",
        description: "Blasting, vibration, cracks in buildings, machinery and night work.",
        ack: hours(4),
        resolve: days(7),
        priority: Priority::Normal,
        public: true,
        weight: 12,
        issues: &[
            "Blasting at the pit shakes our house and there are new cracks in the walls.",
            "Nobody warned us before the blast this morning; the children were frightened.",
            "The generators at the site run all night and we cannot sleep.",
            "Reversing alarms and trucks start before five in the morning near {place}.",
            "Windows rattled during the blast and a pane broke in the kitchen.",
        ],
        asks: &[
            "Please send someone to inspect the cracks before they get worse.",
            "We ask that blasting is announced a day before on the radio and by SMS.",
            "Please stop the night work or move the generators away from the houses.",
        ],
        fixes: &[
            "Structural engineer inspected the house; repairs agreed with the contractor.",
            "Blast notices now sent by SMS the day before and sirens sounded ten minutes ahead.",
            "Night shift generators moved behind the stockpile and fitted with silencers.",
        ],
        notes: &[
            "Vibration monitor readings for the blast requested from the blasting contractor.",
            "Crack survey from before construction found for this house; comparing photos.",
        ],
        questions: &[
            question(
                "blast_damage",
                "single_choice",
                true,
                "Did the blast damage your property?",
                "Yes\nNo\nNot sure",
            ),
            question(
                "damage",
                "long_text",
                false,
                "Describe the damage",
                "Crack from the window to the roof in the bedroom wall.\n\
                 Two cracked window panes and plaster fallen in the kitchen.\n\
                 The ceiling board in the lounge came loose.",
            )
            .help("Cracks, broken windows, fallen ceilings…"),
            question(
                "time_heard",
                "short_text",
                false,
                "At what time did it happen?",
                "Around 10:00\nJust after midday\nAbout 15:30\nEarly morning, before 6",
            ),
        ],
    },
    CategorySpec {
        code: "water",
        name: "Water supply",
        description: "No water, dirty water, dry boreholes, leaks and water tankers.",
        ack: hours(4),
        resolve: days(5),
        priority: Priority::High,
        public: true,
        weight: 12,
        issues: &[
            "There has been no water in our street for three days.",
            "The water from the tap is brown and smells since the pipeline works started.",
            "The borehole near {place} has dried up since the dewatering began.",
            "A burst pipe has been leaking on the corner for a week and nobody came.",
            "The water tanker did not come on the scheduled day.",
        ],
        asks: &[
            "Please send a water tanker until the supply is restored.",
            "We want the water tested and the results shared with us.",
            "Please fix the leak before the road is washed away.",
        ],
        fixes: &[
            "Pipeline repaired by the municipality; supply restored and flushed.",
            "Water tested by an accredited laboratory; results meet drinking standards.",
            "Tanker deliveries every Tuesday and Friday until the borehole is replaced.",
        ],
        notes: &[
            "Municipal water department ticket opened; waiting for their reference.",
            "Dewatering volumes for the month requested from the hydrogeologist.",
        ],
        questions: &[
            question(
                "days_without",
                "number",
                false,
                "For how many days has there been no water?",
                "1\n2\n3\n4\n5\n7\n10",
            ),
            question(
                "water_point",
                "short_text",
                true,
                "Which tap, borehole or tank?",
                "Street tap on Main Road\n\
                 Communal borehole by the school\n\
                 JoJo tank at the clinic\n\
                 Yard tap at my house",
            ),
            question(
                "affected",
                "single_choice",
                false,
                "Who is affected?",
                "Only my household\nThe whole street\nThe whole village",
            ),
        ],
    },
    CategorySpec {
        code: "roads",
        name: "Road safety & traffic",
        description: "Speeding trucks, damaged roads, detours, crossings and signs.",
        ack: hours(8),
        resolve: days(14),
        priority: Priority::Normal,
        public: true,
        weight: 10,
        issues: &[
            "Trucks speed past {place} when children walk home from school.",
            "The village road is full of potholes since the heavy trucks started using it.",
            "There is no pedestrian crossing near the taxi rank and someone was nearly hit.",
            "A truck knocked down the fence and the road sign at the bend.",
            "The detour has no lights or signs at night.",
        ],
        asks: &[
            "Please put speed humps and a scholar patrol at the school.",
            "We ask that the road is graded and repaired.",
            "Please put up warning signs and lights on the detour.",
        ],
        fixes: &[
            "Speed humps built and a flag person placed at the school during school hours.",
            "Road graded and potholes patched; grading scheduled monthly.",
            "Traffic management plan updated; reflective signs and lights installed on the detour.",
        ],
        notes: &[
            "Truck GPS speed records requested from the transport contractor.",
            "Traffic officer from the municipality joined the site visit.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "land",
        name: "Land & compensation",
        description: "Land access, valuations, crop and house compensation, graves and fences.",
        ack: hours(16),
        resolve: days(30),
        priority: Priority::Normal,
        public: true,
        weight: 7,
        issues: &[
            "The survey team put pegs on my field without asking.",
            "We have not been paid the compensation agreed for the crops destroyed.",
            "My family grave is inside the fenced area and we cannot visit it.",
            "The valuation of my house is much lower than my neighbour's.",
            "The new fence blocks the path our cattle use to reach the river.",
        ],
        asks: &[
            "Please explain how the compensation was calculated.",
            "We want a meeting with the land team and the headman.",
            "Please let us visit the graves and agree on relocation with the family.",
        ],
        fixes: &[
            "Compensation paid after the valuation was reviewed with the family.",
            "Access gate installed so families can visit the graves on weekends.",
            "Livestock crossing built and the fence line moved back twenty metres.",
        ],
        notes: &[
            "Land register and signed agreement checked; payment was approved in March.",
            "Valuer asked to re-inspect the property with the owner present.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "jobs",
        name: "Employment & local hiring",
        description: "Recruitment, the local skills database, wages and local suppliers.",
        ack: hours(16),
        resolve: days(21),
        priority: Priority::Low,
        public: true,
        weight: 12,
        issues: &[
            "The contractor hires people from outside while local youth are unemployed.",
            "I registered on the local skills database two years ago and was never called.",
            "Workers from our ward were dismissed without being paid for overtime.",
            "Someone at the gate asks for money to put names on the job list.",
            "Local small businesses are not getting any of the catering or transport contracts.",
        ],
        asks: &[
            "Please tell us how people are selected for work.",
            "We want the local hiring targets published.",
            "Please investigate and make sure we are paid.",
        ],
        fixes: &[
            "Recruitment now runs through the ward committee list with a public draw.",
            "Outstanding overtime paid after the payroll was checked with the labour desk.",
            "Local supplier day held; three local businesses added to the vendor list.",
        ],
        notes: &[
            "Labour desk confirmed the reporter is on the skills database.",
            "Contractor's local hiring report for the quarter requested.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "police",
        name: "Police & security conduct",
        description: "Conduct of police and private security around the project.",
        ack: hours(4),
        resolve: days(14),
        priority: Priority::High,
        public: true,
        weight: 5,
        issues: &[
            "Private security guards chased people away from the public road near {place}.",
            "Police used rubber bullets during the protest at the gate.",
            "A guard pushed an elderly woman who was collecting firewood.",
            "Security patrols shine lights into houses at night.",
        ],
        asks: &[
            "We want this investigated and the guards disciplined.",
            "Please explain what rules the security company follows.",
        ],
        fixes: &[
            "Incident referred to IPID; guard removed from the site pending the investigation.",
            "Security company retrained on the voluntary principles; patrol routes changed.",
        ],
        notes: &[
            "Incident report and body-camera footage requested from the security manager.",
            "Statement taken from the witness at the community hall.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "safety",
        name: "Public safety",
        description: "Open excavations, trenches, power lines, explosives and other dangers.",
        ack: hours(2),
        resolve: days(3),
        priority: Priority::Urgent,
        public: true,
        weight: 6,
        issues: &[
            "The excavation near {place} is not fenced and children play in it.",
            "There is an open trench full of water next to the footpath.",
            "An explosives truck was parked overnight in the village.",
            "A power line fell down next to the construction camp.",
            "Stray dogs from the camp attack people walking at night.",
        ],
        asks: &[
            "Please make it safe before someone gets hurt.",
            "Please come urgently.",
        ],
        fixes: &[
            "Excavation fenced and warning signs put up the same day.",
            "Trench backfilled and footpath reinstated.",
            "Eskom called; line made safe and area cordoned off.",
        ],
        notes: &[
            "Site safety officer attended within two hours.",
            "Photos of the fencing sent to the ward councillor.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "environment",
        name: "Environmental damage",
        description: "Pollution of rivers and land, spills, dumping, trees and wildlife.",
        ack: hours(8),
        resolve: days(21),
        priority: Priority::High,
        public: true,
        weight: 7,
        issues: &[
            "The river is brown and there are dead fish below the bridge.",
            "Oil is leaking from the machines into the stream near {place}.",
            "Trees along the river were cut down for the new road.",
            "Rubbish from the construction camp is dumped in the veld.",
            "Cattle got sick after drinking from the pond next to the tailings.",
        ],
        asks: &[
            "Please test the water and stop the pollution.",
            "We want the area cleaned and rehabilitated.",
        ],
        fixes: &[
            "Spill contained and soil removed; river sampled upstream and downstream.",
            "Illegal dumping cleared; camp waste contractor fined.",
            "Rehabilitation plan agreed: 300 indigenous trees to be planted along the river bank.",
        ],
        notes: &[
            "Environmental officer sampled the water; results expected in ten days.",
            "Department of Water and Sanitation informed of the spill.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "enquiry",
        name: "General enquiry",
        description: "Questions about the project, meetings, bursaries and opportunities.",
        ack: hours(16),
        resolve: days(10),
        priority: Priority::Low,
        public: true,
        weight: 8,
        issues: &[
            "When will the new road be finished?",
            "How can I apply for the bursary programme?",
            "Where can I find the minutes of the last community meeting?",
            "Will the clinic stay open during the construction?",
            "Who should I speak to about a business opportunity with the project?",
        ],
        asks: &[
            "Please call me back.",
            "Please send the information by SMS.",
        ],
        fixes: &[
            "Information sent to the reporter and posted on the community notice board.",
            "Reporter invited to the next community information session.",
        ],
        notes: &[
            "Asked the project office for the updated schedule.",
            "Bursary office contact details sent.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "conduct",
        name: "Staff & contractor conduct",
        description: "Complaints about the behaviour of office staff or contractors' employees.",
        ack: hours(8),
        resolve: days(14),
        priority: Priority::High,
        public: false,
        weight: 3,
        issues: &[
            "A liaison officer was rude and refused to take my complaint.",
            "A contractor's driver asked for a bribe to give a lift to the site.",
            "An employee made unwanted comments to women at the water point.",
            "A supervisor threatened workers who complained about safety.",
        ],
        asks: &[
            "I want this treated confidentially.",
            "Please make sure this does not happen again.",
        ],
        fixes: &[
            "Disciplinary process completed; outcome communicated to the reporter.",
            "Employee moved to another site and conduct training given to the team.",
        ],
        notes: &[
            "HR informed; interview with the employee scheduled.",
            "Reporter's identity kept from the team involved.",
        ],
        questions: &[],
    },
];

/// Versions of a record's texts: (field, text).
pub(crate) type Fields = &'static [(&'static str, &'static str)];

/// The demo office's categories in the portal's other languages: per category code and
/// language, the versions of its texts by field (`liaison_domain::texts`). Written through
/// the same store functions as an administrator's; every field names a text the category
/// has (checked by a test in `setup.rs`).
pub(crate) const CATEGORY_TEXTS: &[(&str, &str, Fields)] = &[
    (
        "dust",
        "es",
        &[
            ("name", "Polvo y calidad del aire"),
            (
                "description",
                "Polvo de caminos, voladuras, trituradoras o acopios; humo y olores.",
            ),
            ("question.dust_source.label", "¿De dónde viene el polvo?"),
            ("question.dust_source.choice.haul_road", "Camino de acarreo"),
            ("question.dust_source.choice.blasting", "Voladuras"),
            ("question.dust_source.choice.crusher_plant", "Planta trituradora"),
            ("question.dust_source.choice.stockpiles", "Acopios"),
            ("question.dust_source.choice.not_sure", "No estoy seguro"),
            ("question.worst_times.label", "¿Cuándo es peor?"),
            ("question.worst_times.help", "Marque todas las que correspondan."),
            ("question.worst_times.choice.morning", "Por la mañana"),
            ("question.worst_times.choice.afternoon", "Por la tarde"),
            ("question.worst_times.choice.evening", "Al anochecer"),
            ("question.worst_times.choice.night", "Por la noche"),
            ("question.households.label", "¿Cuántos hogares están afectados?"),
            ("question.since.label", "¿Desde cuándo?"),
            ("question.since.help", "El día en que lo notó por primera vez."),
        ],
    ),
    (
        "dust",
        "fr",
        &[
            ("name", "Poussière et qualité de l’air"),
            (
                "description",
                "Poussière des routes, des tirs de mine, des concasseurs ou des stocks, fumée et odeurs.",
            ),
            ("question.dust_source.label", "D’où vient la poussière\u{a0}?"),
            ("question.dust_source.choice.haul_road", "Piste de roulage"),
            ("question.dust_source.choice.blasting", "Tirs de mine"),
            ("question.dust_source.choice.crusher_plant", "Concasseur"),
            ("question.dust_source.choice.stockpiles", "Stocks de matériaux"),
            ("question.dust_source.choice.not_sure", "Je ne sais pas"),
            ("question.worst_times.label", "À quel moment est-ce le pire\u{a0}?"),
            ("question.worst_times.help", "Cochez tout ce qui s’applique."),
            ("question.worst_times.choice.morning", "Le matin"),
            ("question.worst_times.choice.afternoon", "L’après-midi"),
            ("question.worst_times.choice.evening", "Le soir"),
            ("question.worst_times.choice.night", "La nuit"),
            ("question.households.label", "Combien de foyers sont touchés\u{a0}?"),
            ("question.since.label", "Depuis quand\u{a0}?"),
            (
                "question.since.help",
                "Le jour où vous l’avez remarqué pour la première fois.",
            ),
        ],
    ),
    (
        "noise",
        "es",
        &[
            ("name", "Ruido y voladuras"),
            (
                "description",
                "Voladuras, vibraciones, grietas en edificios, maquinaria y trabajo nocturno.",
            ),
            ("question.blast_damage.label", "¿La voladura dañó su propiedad?"),
            ("question.blast_damage.choice.yes", "Sí"),
            ("question.blast_damage.choice.no", "No"),
            ("question.blast_damage.choice.not_sure", "No estoy seguro"),
            ("question.damage.label", "Describa los daños"),
            ("question.damage.help", "Grietas, ventanas rotas, techos caídos…"),
            ("question.time_heard.label", "¿A qué hora ocurrió?"),
        ],
    ),
    (
        "noise",
        "fr",
        &[
            ("name", "Bruit et tirs de mine"),
            (
                "description",
                "Tirs de mine, vibrations, fissures dans les bâtiments, engins et travail de nuit.",
            ),
            (
                "question.blast_damage.label",
                "Le tir de mine a-t-il endommagé votre propriété\u{a0}?",
            ),
            ("question.blast_damage.choice.yes", "Oui"),
            ("question.blast_damage.choice.no", "Non"),
            ("question.blast_damage.choice.not_sure", "Je ne sais pas"),
            ("question.damage.label", "Décrivez les dégâts"),
            ("question.damage.help", "Fissures, vitres cassées, plafonds effondrés…"),
            ("question.time_heard.label", "À quelle heure est-ce arrivé\u{a0}?"),
        ],
    ),
    (
        "water",
        "es",
        &[
            ("name", "Suministro de agua"),
            (
                "description",
                "Falta de agua, agua sucia, pozos secos, fugas y camiones cisterna.",
            ),
            ("question.days_without.label", "¿Cuántos días lleva sin agua?"),
            ("question.water_point.label", "¿Qué grifo, pozo o tanque?"),
            ("question.affected.label", "¿Quién está afectado?"),
            ("question.affected.choice.only_my_household", "Solo mi hogar"),
            ("question.affected.choice.the_whole_street", "Toda la calle"),
            ("question.affected.choice.the_whole_village", "Todo el pueblo"),
        ],
    ),
    (
        "water",
        "fr",
        &[
            ("name", "Approvisionnement en eau"),
            (
                "description",
                "Pas d’eau, eau sale, forages à sec, fuites et camions-citernes.",
            ),
            (
                "question.days_without.label",
                "Depuis combien de jours n’y a-t-il plus d’eau\u{a0}?",
            ),
            ("question.water_point.label", "Quel robinet, forage ou réservoir\u{a0}?"),
            ("question.affected.label", "Qui est touché\u{a0}?"),
            ("question.affected.choice.only_my_household", "Seulement mon foyer"),
            ("question.affected.choice.the_whole_street", "Toute la rue"),
            ("question.affected.choice.the_whole_village", "Tout le village"),
        ],
    ),
    (
        "roads",
        "es",
        &[
            ("name", "Seguridad vial y tráfico"),
            (
                "description",
                "Camiones a exceso de velocidad, caminos dañados, desvíos, cruces y señales.",
            ),
        ],
    ),
    (
        "roads",
        "fr",
        &[
            ("name", "Sécurité routière et circulation"),
            (
                "description",
                "Camions trop rapides, routes abîmées, déviations, passages piétons et panneaux.",
            ),
        ],
    ),
    (
        "land",
        "es",
        &[
            ("name", "Tierras y compensación"),
            (
                "description",
                "Acceso a tierras, tasaciones, compensación por cultivos y viviendas, tumbas y cercas.",
            ),
        ],
    ),
    (
        "land",
        "fr",
        &[
            ("name", "Terres et indemnisation"),
            (
                "description",
                "Accès aux terres, évaluations, indemnisation des cultures et des maisons, tombes et clôtures.",
            ),
        ],
    ),
    (
        "jobs",
        "es",
        &[
            ("name", "Empleo y contratación local"),
            (
                "description",
                "Reclutamiento, la base de datos de habilidades locales, salarios y proveedores locales.",
            ),
        ],
    ),
    (
        "jobs",
        "fr",
        &[
            ("name", "Emploi et embauche locale"),
            (
                "description",
                "Recrutement, base de données des compétences locales, salaires et fournisseurs locaux.",
            ),
        ],
    ),
    (
        "police",
        "es",
        &[
            ("name", "Conducta de la policía y la seguridad"),
            (
                "description",
                "Conducta de la policía y la seguridad privada en torno al proyecto.",
            ),
        ],
    ),
    (
        "police",
        "fr",
        &[
            ("name", "Conduite de la police et des agents de sécurité"),
            (
                "description",
                "Conduite de la police et de la sécurité privée autour du projet.",
            ),
        ],
    ),
    (
        "safety",
        "es",
        &[
            ("name", "Seguridad pública"),
            (
                "description",
                "Excavaciones abiertas, zanjas, líneas eléctricas, explosivos y otros peligros.",
            ),
        ],
    ),
    (
        "safety",
        "fr",
        &[
            ("name", "Sécurité publique"),
            (
                "description",
                "Fouilles ouvertes, tranchées, lignes électriques, explosifs et autres dangers.",
            ),
        ],
    ),
    (
        "environment",
        "es",
        &[
            ("name", "Daños ambientales"),
            (
                "description",
                "Contaminación de ríos y tierras, derrames, vertidos, árboles y fauna.",
            ),
        ],
    ),
    (
        "environment",
        "fr",
        &[
            ("name", "Atteintes à l’environnement"),
            (
                "description",
                "Pollution des rivières et des sols, déversements, dépôts sauvages, arbres et faune.",
            ),
        ],
    ),
    (
        "enquiry",
        "es",
        &[
            ("name", "Consulta general"),
            (
                "description",
                "Preguntas sobre el proyecto, reuniones, becas y oportunidades.",
            ),
        ],
    ),
    (
        "enquiry",
        "fr",
        &[
            ("name", "Demande de renseignements"),
            (
                "description",
                "Questions sur le projet, les réunions, les bourses et les opportunités.",
            ),
        ],
    ),
    (
        "conduct",
        "es",
        &[
            ("name", "Conducta del personal y los contratistas"),
            (
                "description",
                "Quejas sobre el comportamiento del personal de la oficina o de los empleados de los contratistas.",
            ),
        ],
    ),
    (
        "conduct",
        "fr",
        &[
            ("name", "Conduite du personnel et des sous-traitants"),
            (
                "description",
                "Plaintes sur le comportement du personnel du bureau ou des employés des sous-traitants.",
            ),
        ],
    ),
];

/// The demo office's area names in Spanish and French. Names that are the same in every
/// language have a version all the same, so they are not marked as English.
pub(crate) const AREA_TEXTS: &[(&str, &str, &str)] = &[
    ("Riverside Central", "Riverside Centro", "Riverside Centre"),
    (
        "Riverside Extension 4",
        "Riverside Extensión 4",
        "Riverside Extension 4",
    ),
    ("Thembalethu", "Thembalethu", "Thembalethu"),
    (
        "Kgotsong Village",
        "Pueblo de Kgotsong",
        "Village de Kgotsong",
    ),
    ("Mountain View", "Mountain View", "Mountain View"),
    (
        "Hillside (Ward 14)",
        "Hillside (distrito 14)",
        "Hillside (quartier 14)",
    ),
    (
        "Phomolong Informal Settlement",
        "Asentamiento informal de Phomolong",
        "Quartier informel de Phomolong",
    ),
    (
        "Green Valley Farms",
        "Granjas de Green Valley",
        "Fermes de Green Valley",
    ),
    (
        "Station Road Industrial",
        "Zona industrial de Station Road",
        "Zone industrielle de Station Road",
    ),
    ("Mine Hostel", "Albergue de la mina", "Foyer de la mine"),
    ("Klipfontein", "Klipfontein", "Klipfontein"),
    ("Vukuzenzele", "Vukuzenzele", "Vukuzenzele"),
];

/// A topic of the engagement log: its tag, how often it comes up, what it is called in a
/// summary, what people say about it, and the follow-ups it leads to.
pub(crate) struct Topic {
    pub(crate) tag: &'static str,
    pub(crate) weight: u32,
    pub(crate) subject: &'static str,
    pub(crate) said: &'static [&'static str],
    pub(crate) tasks: &'static [&'static str],
}

/// What the office talks about with people, the concerns' themes first.
pub(crate) const TOPICS: &[Topic] = &[
    Topic {
        tag: "dust",
        weight: 14,
        subject: "dust from the haul road",
        said: &[
            "Dust settles on washing and water tanks on windy days.",
            "They say the water carts skip their street.",
            "Parents blame the dust for children's coughing.",
        ],
        tasks: &[
            "Send the latest dust monitoring results",
            "Ask the contractor to water the haul road more often",
        ],
    },
    Topic {
        tag: "water",
        weight: 12,
        subject: "the water supply",
        said: &[
            "The borehole has been dry for a week.",
            "They worry the pit is lowering the water table.",
            "The tanker came late twice this month.",
        ],
        tasks: &[
            "Ask the water team for the borehole test results",
            "Arrange a water tanker for the street",
        ],
    },
    Topic {
        tag: "trucks",
        weight: 12,
        subject: "trucks through the village",
        said: &[
            "Trucks pass the school at home time.",
            "They counted trucks driving after ten at night.",
            "Drivers speed on the gravel road.",
        ],
        tasks: &[
            "Check the trucks' route plan with logistics",
            "Share the trucks' hours with the committee",
        ],
    },
    Topic {
        tag: "blasting",
        weight: 10,
        subject: "blasting",
        said: &[
            "New cracks appeared in walls after the last blast.",
            "They want notice before each blast.",
            "Cattle scatter when the siren sounds.",
        ],
        tasks: &[
            "Book a structural inspection of the house",
            "Send the blasting schedule",
        ],
    },
    Topic {
        tag: "jobs",
        weight: 14,
        subject: "local jobs",
        said: &[
            "Young people want to know how hiring works.",
            "They say people from outside got the jobs.",
            "Local contractors ask how to register as suppliers.",
        ],
        tasks: &[
            "Send the local hiring figures",
            "Invite them to the next recruitment briefing",
        ],
    },
    Topic {
        tag: "road safety",
        weight: 10,
        subject: "road safety",
        said: &[
            "They asked for speed humps near the clinic.",
            "A child was nearly hit at the crossing.",
            "The road has no lights at the bend.",
        ],
        tasks: &[
            "Raise the speed humps with the municipality",
            "Ask for a scholar patrol at the crossing",
        ],
    },
    Topic {
        tag: "noise",
        weight: 8,
        subject: "noise at night",
        said: &[
            "The plant is loud after ten at night.",
            "Reversing alarms wake people before five.",
        ],
        tasks: &[
            "Ask operations about the night shift's noise",
            "Share the noise survey dates",
        ],
    },
    Topic {
        tag: "resettlement",
        weight: 6,
        subject: "resettlement",
        said: &[
            "Families want dates for the move.",
            "They asked how the graves will be moved.",
            "The new houses' plots are smaller than promised.",
        ],
        tasks: &[
            "Send the resettlement timetable",
            "Arrange a meeting with the resettlement team",
        ],
    },
    Topic {
        tag: "schools",
        weight: 6,
        subject: "the school",
        said: &[
            "The school wants help with its fence.",
            "Learners walk along the haul road.",
        ],
        tasks: &[
            "Follow up the school's bursary request",
            "Visit the school with the safety officer",
        ],
    },
    Topic {
        tag: "compensation",
        weight: 5,
        subject: "compensation",
        said: &[
            "They dispute the value given for their fields.",
            "The payment is two months late.",
        ],
        tasks: &[
            "Check the payment with finance",
            "Send a copy of the valuation",
        ],
    },
    Topic {
        tag: "grazing",
        weight: 3,
        subject: "grazing land",
        said: &[
            "Cattle have lost their way to the river.",
            "The new fence cuts the old path to the grazing land.",
        ],
        tasks: &["Ask the land team about a gate in the fence"],
    },
];

/// How an interaction's summary begins, by kind (in `InteractionKind::ALL` order):
/// `{place}` and `{subject}` are filled in.
pub(crate) const OPENINGS: [&[&str]; 8] = [
    &[
        "Met at {place} to talk about {subject}.",
        "Meeting at the community hall about {subject}.",
        "Sat down with them near {place} about {subject}.",
    ],
    &[
        "Called them about {subject}.",
        "They phoned the office about {subject}.",
        "Returned their call about {subject}.",
    ],
    &[
        "Visited them at home about {subject}.",
        "Walked the area near {place} with them to look into {subject}.",
    ],
    &["Emails about {subject}."],
    &[
        "Their letter about {subject} came in.",
        "Wrote to them about {subject}.",
    ],
    &["Messages about {subject}."],
    &["Answered their post about {subject}."],
    &["Met them by chance at {place}; they raised {subject}."],
];

/// How an interaction's summary ends.
pub(crate) const OUTCOMES: &[&str] = &[
    "Agreed to meet again next month.",
    "They will tell their members.",
    "Promised a written answer.",
    "They were satisfied with the explanation.",
    "They remain unhappy and may go to the ward councillor.",
    "Asked for the figures to be shared at the next forum.",
    "Explained the grievance process; they may lodge a concern.",
];

/// What people sometimes add when they give their consent.
pub(crate) const CONSENT_NOTES: &[&str] = &[
    "Prefers calls after 17:00.",
    "Happy to get updates by SMS.",
    "No visits at home, please.",
    "Signed the form at the community meeting.",
    "Speaks for the household.",
];
