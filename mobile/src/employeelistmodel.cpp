#include "employeelistmodel.h"

#include "domainconversion.h"
#include "indicatorinput.h"
#include "localstore.h"
#include "searchtext.h"

#include <QHash>

#include <algorithm>

EmployeeListModel::EmployeeListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void EmployeeListModel::setStore(LocalStore *store)
{
    const bool wasLoading = loading();
    if (!m_watch.follow(store))
        return;
    m_loaded = false;
    Q_EMIT storeChanged();
    if (loading() != wasLoading)
        Q_EMIT loadingChanged();
    refreshWhenAllowed();
}

void EmployeeListModel::setDeferred(bool deferred)
{
    if (m_deferred == deferred)
        return;
    m_deferred = deferred;
    Q_EMIT deferredChanged();
    refreshWhenAllowed();
}

void EmployeeListModel::classBegin()
{
    m_completing = true;
}

void EmployeeListModel::componentComplete()
{
    m_completing = false;
    refreshWhenAllowed();
}

void EmployeeListModel::refreshWhenAllowed()
{
    if (!m_deferred && !m_completing)
        refresh();
}

void EmployeeListModel::setLoaded(bool loaded)
{
    const bool wasLoading = loading();
    m_loaded = loaded;
    if (loading() != wasLoading)
        Q_EMIT loadingChanged();
}

void EmployeeListModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    Q_EMIT filterTextChanged();
    applyFilter();
}

void EmployeeListModel::setDueOnly(bool dueOnly)
{
    if (m_dueOnly == dueOnly)
        return;
    m_dueOnly = dueOnly;
    Q_EMIT dueOnlyChanged();
    applyFilter();
}

QStringList EmployeeListModel::dimensionNames() const
{
    QStringList names;
    for (const DimensionInfo &d : m_model.dimensions)
        names.append(d.name);
    return names;
}

namespace {

QString initialsOf(const QString &name)
{
    QString out;
    for (const QString &part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        out.append(part.at(0).toUpper());
        if (out.size() == 2)
            break;
    }
    return out;
}

}  // namespace

void EmployeeListModel::refresh()
{
    std::vector<Row> rows;
    ModelInfo model;
    int dueAfterDays = OrgSettings{}.dueAfterDays;
    if (m_watch.store()) {
        const IndicatorInput::Snapshot snapshot = IndicatorInput::load(*m_watch.store());
        model = snapshot.model;
        dueAfterDays = snapshot.settings.dueAfterDays;
        const floorwalk::IndicatorInput input = IndicatorInput::build(snapshot);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto facts = IndicatorInput::factsByEmployee(input, IndicatorInput::paramsAt(now, dueAfterDays));

        QHash<QString, QString> unitNames;
        for (const UnitRecord &u : snapshot.units)
            unitNames.insert(u.id, u.name);

        // Last observation, last time accompanied, and the manager's unsent work, per employee.
        QHash<QString, QDateTime> lastObserved;
        QHash<QString, QDateTime> lastAccompanied;
        QHash<QString, int> pending;
        QHash<QString, bool> attention;
        for (const ObservationRecord &o : snapshot.observations) {
            QDateTime &observed = lastObserved[o.employeeId];
            if (!observed.isValid() || observed < o.observedAt)
                observed = o.observedAt;
            QDateTime &accompanied = lastAccompanied[o.employeeId];
            if (!accompanied.isValid() || accompanied < o.observedAt)
                accompanied = o.observedAt;
            if (o.localState == LocalState::Pending)
                pending[o.employeeId] += 1;
            else if (o.localState == LocalState::NeedsAttention)
                attention[o.employeeId] = true;
        }
        for (const ActivityRecord &a : snapshot.activities) {
            for (const QString &id : a.participantIds) {
                QDateTime &accompanied = lastAccompanied[id];
                if (!accompanied.isValid() || accompanied < a.occurredAt)
                    accompanied = a.occurredAt;
            }
        }

        for (const EmployeeRecord &e : snapshot.employees) {
            if (!e.active)
                continue;
            Row row;
            row.employee = e;
            row.team = unitNames.value(e.unitId, e.unitId);
            row.searchKey = SearchText::normalize(e.displayName);
            row.teamKey = SearchText::normalize(row.team);
            row.lastObservedAt = lastObserved.value(e.id);
            const QDateTime accompanied = lastAccompanied.value(e.id);
            row.daysSinceAccompanied = accompanied.isValid() ? int(accompanied.daysTo(now)) : -1;
            const auto f = facts.find(DomainConversion::toDomain(e.id));
            row.levels.reserve(model.dimensions.size());
            if (f != facts.end()) {
                row.due = !f->second.accompanied;
                for (const std::optional<int> &level : f->second.levels)
                    row.levels.append(level.value_or(0));
            } else {
                row.due = row.daysSinceAccompanied < 0 || row.daysSinceAccompanied >= dueAfterDays;
                for (qsizetype i = 0; i < model.dimensions.size(); ++i)
                    row.levels.append(0);
            }
            row.pendingCount = pending.value(e.id);
            row.needsAttention = attention.value(e.id);
            rows.push_back(std::move(row));
        }
        // Keys are normalised once per row: normalising inside the comparator would cost n log n conversions.
        std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
            if (const int team = a.teamKey.compare(b.teamKey); team != 0)
                return team < 0;
            if (const int name = a.searchKey.compare(b.searchKey); name != 0)
                return name < 0;
            return a.employee.displayName < b.employee.displayName;
        });
    }
    m_pulledOnce = m_watch.store() && m_watch.store()->cache().hasPulledOnce();
    beginResetModel();
    m_rows = std::move(rows);
    m_model = model;
    m_dueAfterDays = dueAfterDays;
    m_dueCount = int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.due; }));
    m_visible = visibleRows();
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT summaryChanged();
    setLoaded(m_watch.store() != nullptr);
}

std::vector<int> EmployeeListModel::visibleRows() const
{
    const QStringList words = SearchText::words(SearchText::normalize(m_filterText));
    std::vector<int> visible;
    visible.reserve(m_rows.size());
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const Row &row = m_rows[std::size_t(i)];
        if ((!m_dueOnly || row.due) && SearchText::matches(row.searchKey, words))
            visible.push_back(i);
    }
    return visible;
}

void EmployeeListModel::applyFilter()
{
    std::vector<int> visible = visibleRows();
    if (visible == m_visible)
        return;
    beginResetModel();
    m_visible = std::move(visible);
    endResetModel();
    Q_EMIT countChanged();
}

int EmployeeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant EmployeeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(m_visible[std::size_t(index.row())])];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return row.employee.displayName;
    case EmployeeIdRole: return row.employee.id;
    case InitialsRole: return initialsOf(row.employee.displayName);
    case JobTitleRole: return row.employee.jobTitle;
    case TeamRole: return row.team;
    case LastObservedAtRole: return row.lastObservedAt;
    case DaysSinceAccompaniedRole: return row.daysSinceAccompanied;
    case DueRole: return row.due;
    case LevelsRole: return QVariant::fromValue(row.levels);
    case PendingCountRole: return row.pendingCount;
    case NeedsAttentionRole: return row.needsAttention;
    default: return {};
    }
}

QHash<int, QByteArray> EmployeeListModel::roleNames() const
{
    return {
        {EmployeeIdRole, "employeeId"},
        {NameRole, "name"},
        {InitialsRole, "initials"},
        {JobTitleRole, "jobTitle"},
        {TeamRole, "team"},
        {LastObservedAtRole, "lastObservedAt"},
        {DaysSinceAccompaniedRole, "daysSinceAccompanied"},
        {DueRole, "due"},
        {LevelsRole, "levels"},
        {PendingCountRole, "pendingCount"},
        {NeedsAttentionRole, "needsAttention"},
    };
}

int EmployeeListModel::rowOf(const QString &employeeId) const
{
    for (int i = 0; i < int(m_visible.size()); ++i) {
        if (m_rows[std::size_t(m_visible[std::size_t(i)])].employee.id == employeeId)
            return i;
    }
    return -1;
}

QString EmployeeListModel::employeeIdAt(int row) const
{
    if (row < 0 || row >= int(m_visible.size()))
        return {};
    return m_rows[std::size_t(m_visible[std::size_t(row)])].employee.id;
}
