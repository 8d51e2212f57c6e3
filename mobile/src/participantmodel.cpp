#include "participantmodel.h"

#include "searchtext.h"

#include <algorithm>

ParticipantModel::ParticipantModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ParticipantModel::reset(const QList<EmployeeRecord> &employees, const QHash<QString, QString> &teamNames,
                             const QStringList &selected)
{
    beginResetModel();
    m_rows.clear();
    QStringList unlisted = selected;
    for (const EmployeeRecord &e : employees) {
        if (!e.active && !selected.contains(e.id))
            continue;
        const bool isSelected = selected.contains(e.id);
        unlisted.removeAll(e.id);
        m_rows.append({e.id, e.displayName, teamNames.value(e.unitId, e.unitId), isSelected});
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        const int team = SearchText::compare(a.team, b.team);
        return team != 0 ? team < 0 : SearchText::compare(a.name, b.name) < 0;
    });
    m_unlisted = unlisted;
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT selectionChanged();
}

void ParticipantModel::toggle(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].selected = !m_rows[row].selected;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, {SelectedRole});
    Q_EMIT selectionChanged();
}

void ParticipantModel::selectTeam(const QString &team, bool selected)
{
    bool changed = false;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].team != team || m_rows[row].selected == selected)
            continue;
        m_rows[row].selected = selected;
        const QModelIndex i = index(int(row));
        Q_EMIT dataChanged(i, i, {SelectedRole});
        changed = true;
    }
    if (changed)
        Q_EMIT selectionChanged();
}

QStringList ParticipantModel::selectedIds() const
{
    QStringList out;
    for (const Row &r : m_rows) {
        if (r.selected)
            out.append(r.id);
    }
    return out + m_unlisted;
}

int ParticipantModel::selectedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.selected; })
               + m_unlisted.size());
}

int ParticipantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ParticipantModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case EmployeeIdRole: return r.id;
    case Qt::DisplayRole:
    case NameRole: return r.name;
    case TeamRole: return r.team;
    case SelectedRole: return r.selected;
    default: return {};
    }
}

QHash<int, QByteArray> ParticipantModel::roleNames() const
{
    return {{EmployeeIdRole, "employeeId"}, {NameRole, "name"}, {TeamRole, "team"}, {SelectedRole, "selected"}};
}
