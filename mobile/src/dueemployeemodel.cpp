#include "dueemployeemodel.h"

#include "searchtext.h"

#include <algorithm>
#include <limits>

DueEmployeeModel::DueEmployeeModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void DueEmployeeModel::reset(QList<Row> rows)
{
    // Never accompanied first, then the longest wait.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const int da = a.daysSinceAccompanied < 0 ? std::numeric_limits<int>::max() : a.daysSinceAccompanied;
        const int db = b.daysSinceAccompanied < 0 ? std::numeric_limits<int>::max() : b.daysSinceAccompanied;
        return da != db ? da > db : SearchText::compare(a.name, b.name) < 0;
    });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    Q_EMIT countChanged();
}

int DueEmployeeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DueEmployeeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case EmployeeIdRole: return r.employeeId;
    case Qt::DisplayRole:
    case NameRole: return r.name;
    case TeamRole: return r.team;
    case DaysSinceAccompaniedRole: return r.daysSinceAccompanied;
    default: return {};
    }
}

QHash<int, QByteArray> DueEmployeeModel::roleNames() const
{
    return {{EmployeeIdRole, "employeeId"}, {NameRole, "name"}, {TeamRole, "team"},
            {DaysSinceAccompaniedRole, "daysSinceAccompanied"}};
}
