#include "demo/demo_catalogue.h"

namespace floorwalk::server::demo {

const std::vector<DemoRegion>& regions() {
    static const std::vector<DemoRegion> all = {
        {"ile-de-france", "Île-de-France"},
        {"auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"},
        {"provence-alpes-cote-azur", "Provence-Alpes-Côte d'Azur"},
    };
    return all;
}

// Pilot stores (Paris Opéra, Lyon Part-Dieu) learn early and fast; Annecy and Toulon have barely started; the
// others spread in between, so that stores and regions differ visibly on the dashboard.
const std::vector<DemoStore>& stores() {
    static const std::vector<DemoStore> all = {
        {"paris-opera", "Paris Opéra", "ile-de-france", "manager", "Camille Laurent", 9, 7, 0.45, 0.90},
        {"paris-marais", "Paris Le Marais", "ile-de-france", "manager.marais", "Julien Mercier", 6, 12, 0.35, 0.85},
        {"la-defense", "La Défense", "ile-de-france", "manager.defense", "Sophie Girard", 8, 16, 0.30, 0.80},
        {"versailles", "Versailles", "ile-de-france", "manager.versailles", "Thomas Bonnet", 5, 20, 0.40, 0.76},
        {"lyon-part-dieu", "Lyon Part-Dieu", "auvergne-rhone-alpes", "manager.part-dieu", "Nadia Haddad", 9, 6, 0.50,
         0.92},
        {"lyon-confluence", "Lyon Confluence", "auvergne-rhone-alpes", "manager.confluence", "Marc Lefèvre", 7, 11,
         0.30, 0.85},
        {"grenoble", "Grenoble Victor-Hugo", "auvergne-rhone-alpes", "manager.grenoble", "Elodie Chevalier", 6, 15,
         0.25, 0.78},
        {"annecy", "Annecy", "auvergne-rhone-alpes", "manager.annecy", "Hugo Fontaine", 5, 29, 0.30, 0.70},
        {"marseille-vieux-port", "Marseille Vieux-Port", "provence-alpes-cote-azur", "manager.marseille",
         "Sarah Benali", 8, 10, 0.35, 0.88},
        {"nice-massena", "Nice Masséna", "provence-alpes-cote-azur", "manager.nice", "Antoine Rossi", 6, 18, 0.40,
         0.80},
        {"aix-en-provence", "Aix-en-Provence", "provence-alpes-cote-azur", "manager.aix", "Léa Dumas", 7, 13, 0.50,
         0.86},
        {"toulon-mayol", "Toulon Mayol", "provence-alpes-cote-azur", "manager.toulon", "Karim Mansouri", 5, 24, 0.25,
         0.72},
    };
    return all;
}

const std::vector<DemoDirector>& directors() {
    static const std::vector<DemoDirector> all = {
        {"director.north", "Isabelle Morel", {"ile-de-france"}},
        {"director.south", "Philippe Garcia", {"auvergne-rhone-alpes", "provence-alpes-cote-azur"}},
    };
    return all;
}

const std::vector<std::string>& first_names() {
    static const std::vector<std::string> all = {
        "Louise", "Gabriel", "Jade",  "Raphaël", "Emma",   "Léo",    "Alice", "Louis",  "Chloé",   "Arthur",
        "Inès",   "Jules",   "Manon", "Adam",    "Zoé",    "Lucas",  "Lina",  "Nathan", "Clara",   "Mathis",
        "Sofia",  "Hugo",    "Elena", "Noah",    "Giulia", "Matteo", "Ana",   "Lukas",  "Yasmine", "Mehdi",
        "Maëlle", "Enzo",    "Anouk", "Sacha",   "Romane", "Théo",   "Nora",  "Karim",  "Aïcha",   "Pauline",
    };
    return all;
}

const std::vector<std::string>& last_names() {
    static const std::vector<std::string> all = {
        "Martin",  "Bernard",  "Dubois",   "Thomas",  "Robert", "Richard",  "Petit",  "Durand",   "Leroy",    "Moreau",
        "Simon",   "Michel",   "Lefebvre", "Garnier", "David",  "Bertrand", "Roux",   "Vincent",  "Fournier", "Morel",
        "Girard",  "André",    "Mercier",  "Blanc",   "Guerin", "Muller",   "Rossi",  "Ferreira", "Nguyen",   "Benali",
        "Lambert", "Fontaine", "Rousseau", "Bonnet",  "Dupont", "Faure",    "Perrin", "Marchand", "Rey",      "Colin",
    };
    return all;
}

const std::vector<std::string>& job_titles() {
    static const std::vector<std::string> all = {"Sales advisor", "Senior sales advisor", "Cashier",
                                                 "Visual merchandiser", "Stock & sales associate"};
    return all;
}

ExperienceModel model() {
    ExperienceModel m;
    m.id = "cx-demo";
    m.version = 1;
    m.name = "Customer experience model";
    m.scale.levels = {{1, "Discovering"}, {2, "Developing"}, {3, "Mastering"}, {4, "Expert"}};
    m.scale.mastery_threshold = 3;
    m.dimensions = {
        {"welcome",
         "Welcome",
         "Every customer feels noticed and welcome within seconds.",
         {"Greets the customer within 30 seconds, with eye contact and a smile",
          "Adapts the greeting to the customer's pace and mood", "Makes themself available without pressure"}},
        {"needs-discovery",
         "Needs discovery",
         "Understands what the customer really needs before proposing anything.",
         {"Asks open questions about use and context", "Listens actively and rephrases the need",
          "Identifies decision criteria and budget"}},
        {"advice",
         "Advice",
         "Recommends with expertise and honesty.",
         {"Presents at most three relevant products", "Links each feature to the customer's need",
          "Lets the customer try or handle the product", "Answers objections with facts"}},
        {"closing",
         "Closing",
         "Helps the customer decide and completes the sale smoothly.",
         {"Summarises the benefits before proposing", "Suggests a complementary product at the right moment",
          "Handles payment without a wait"}},
        {"farewell",
         "Farewell",
         "Leaves a lasting good impression, purchase or not.",
         {"Thanks the customer, by name when known", "Reminds the customer of after-sales services",
          "Sees the customer off towards the exit"}},
        {"loyalty",
         "Loyalty & after-sales",
         "Builds a relationship that brings the customer back.",
         {"Presents the loyalty programme and its benefits", "Collects consent to keep in touch",
          "Follows up orders and repairs proactively", "Handles a complaint as a chance to win trust"}},
    };
    return m;
}

const std::vector<double>& dimension_ease() {
    // Welcome and farewell are habits quickly taken; discovery and loyalty take real practice.
    static const std::vector<double> all = {0.12, -0.08, 0.0, -0.04, 0.08, -0.14};
    return all;
}

const std::vector<std::string>& praise_comments() {
    static const std::vector<std::string> all = {
        "Accueil chaleureux, cliente mise à l'aise tout de suite.",
        "Très bonne découverte du besoin : questions ouvertes et reformulation.",
        "Conseil précis, deux produits seulement, bien argumentés.",
        "Great rapport with a hesitant customer; never pushy.",
        "Excellent closing: summarised the benefits and proposed the case at the right time.",
        "Belle prise de congé, a rappelé le service après-vente.",
        "Handled a complaint calmly and turned it into a sale.",
        "Présentation du programme fidélité claire et naturelle.",
        "Let the customer try the product first — it made the difference.",
        "Très à l'écoute, le client est reparti avec exactement ce qu'il cherchait.",
    };
    return all;
}

const std::vector<std::string>& improvement_comments() {
    static const std::vector<std::string> all = {
        "Client attendu plus d'une minute avant d'être salué.",
        "Went straight to products without asking about the use.",
        "Trop de produits présentés, la cliente s'est perdue.",
        "Forgot to mention the loyalty programme at checkout.",
        "Prise de congé rapide, pas de remerciement.",
        "Objection sur le prix mal gérée, argumentaire à retravailler.",
        "Busy with stock while a customer was waiting.",
        "Closing hesitant: did not propose anything complementary.",
        "Discovery too short; budget never asked.",
        "Bonne énergie mais beaucoup de jargon technique.",
    };
    return all;
}

const std::vector<std::string>& coaching_actions() {
    static const std::vector<std::string> all = {
        "Jeu de rôle sur l'accueil demain matin (10 min).", "Shadow a senior advisor for two sales this week.",
        "Revoir ensemble la grille de questions ouvertes.", "Practise the three-product rule on the new range.",
        "Point hebdo : une vente racontée et analysée.",    "Prepare two answers to the price objection.",
        "Préparer le pitch fidélité en 20 secondes.",       "Observe again next week on closing.",
    };
    return all;
}

const std::vector<std::string>& activity_notes(ActivityKind kind) {
    static const std::vector<std::string> one_to_one = {
        "Debrief of the last observation and one goal for the week.",
        "Entretien individuel : points forts et un axe de progrès.",
        "Went through the discovery questions together.",
        "Retour sur la vente observée, objectif fixé pour samedi.",
    };
    static const std::vector<std::string> team_briefing = {
        "Brief du matin : focus accueil en moins de 30 secondes.",
        "Team briefing on the loyalty programme pitch.",
        "Partage des meilleures pratiques de la semaine.",
        "Briefing: complementary sales on the new collection.",
    };
    static const std::vector<std::string> challenge = {
        "Challenge de la semaine : 100 % des clients salués.",
        "Team challenge: most loyalty sign-ups this month.",
        "Défi découverte : trois questions ouvertes par client.",
    };
    switch (kind) {
        case ActivityKind::team_briefing: return team_briefing;
        case ActivityKind::challenge: return challenge;
        default: return one_to_one;
    }
}

}  // namespace floorwalk::server::demo
