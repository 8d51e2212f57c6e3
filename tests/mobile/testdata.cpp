#include "testdata.h"

#include "localstore.h"

namespace TestData {

PullPage organizationPage()
{
    PullPage page;
    page.cursor = QStringLiteral("fixture-cursor");
    page.units = {
        {QStringLiteral("acme"), QString(), QStringLiteral("Acme Retail"), UnitKind::Organization},
        {QStringLiteral("north"), QStringLiteral("acme"), QStringLiteral("North"), UnitKind::Region},
        {QStringLiteral("s1"), QStringLiteral("north"), QStringLiteral("Lille Centre"), UnitKind::Store},
        {QStringLiteral("s2"), QStringLiteral("north"), QStringLiteral("Rouen Gros-Horloge"), UnitKind::Store},
    };
    page.employees = {
        {QStringLiteral("e1"), QStringLiteral("s1"), QStringLiteral("Hélène Dubois"), QStringLiteral("Sales advisor"), true},
        {QStringLiteral("e2"), QStringLiteral("s1"), QStringLiteral("Éric Martin"), QStringLiteral("Sales advisor"), true},
        {QStringLiteral("e3"), QStringLiteral("s1"), QStringLiteral("Sophie Bernard"), QStringLiteral("Cashier"), true},
        {QStringLiteral("e4"), QStringLiteral("s1"), QStringLiteral("Karim Haddad"), QStringLiteral("Visual merchandiser"), true},
        {QStringLiteral("e5"), QStringLiteral("s1"), QStringLiteral("Julie Petit"), QStringLiteral("Senior sales advisor"), true},
        {QStringLiteral("e6"), QStringLiteral("s1"), QStringLiteral("Marc Leroy"), QStringLiteral("Stock associate"), false},
        {QStringLiteral("x1"), QStringLiteral("s2"), QStringLiteral("Paul Girard"), QStringLiteral("Sales advisor"), true},
    };
    ModelInfo model;
    model.id = QStringLiteral("cx");
    model.version = 1;
    model.name = QStringLiteral("Customer experience");
    model.levels = {{1, QStringLiteral("Discovering")}, {2, QStringLiteral("Developing")},
                    {3, QStringLiteral("Mastering")}, {4, QStringLiteral("Expert")}};
    model.masteryThreshold = 3;
    model.dimensions = {
        {QStringLiteral("welcome"), QStringLiteral("Welcome"), QStringLiteral("Every customer feels noticed."),
         {QStringLiteral("Greets within 30 seconds")}},
        {QStringLiteral("discovery"), QStringLiteral("Needs discovery"), QStringLiteral("Understands the need first."),
         {QStringLiteral("Asks open questions")}},
        {QStringLiteral("advice"), QStringLiteral("Advice"), QStringLiteral("Recommends with expertise."),
         {QStringLiteral("Presents at most three products")}},
        {QStringLiteral("closing"), QStringLiteral("Closing"), QStringLiteral("Helps the customer decide."),
         {QStringLiteral("Proposes the next step")}},
    };
    page.model = model;
    page.settings = OrgSettings{3, 30};
    page.user = UserInfo{QStringLiteral("u-alice"), QStringLiteral("alice"), QStringLiteral("Alice Moreau"),
                         UserRole::Manager, {QStringLiteral("s1")}};
    return page;
}

bool seed(LocalStore &store)
{
    QString error;
    const bool ok = store.cache().applyPullPage(organizationPage(), &error);
    if (!ok)
        qWarning("cannot seed the test store: %s", qPrintable(error));
    return ok;
}

ObservationRecord serverObservation(const QString &id, const QString &employeeId, const QDateTime &observedAt,
                                    const QList<RatingValue> &ratings, const QString &observerId)
{
    ObservationRecord o;
    o.id = id;
    o.employeeId = employeeId;
    o.observerId = observerId;
    o.observedAt = observedAt;
    o.modelVersion = 1;
    o.ratings = ratings;
    return o;
}

}  // namespace TestData
