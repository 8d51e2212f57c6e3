#include "dimensionlevelmodel.h"

DimensionLevelModel::DimensionLevelModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void DimensionLevelModel::reset(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    Q_EMIT countChanged();
}

int DimensionLevelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DimensionLevelModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case DimensionIdRole: return r.dimensionId;
    case Qt::DisplayRole:
    case NameRole: return r.name;
    case LevelRole: return r.level;
    case LabelRole: return r.label;
    case PreviousLevelRole: return r.previousLevel;
    case TrendRole:
        if (r.level == 0 || r.previousLevel == 0 || r.level == r.previousLevel)
            return 0;
        return r.level > r.previousLevel ? 1 : -1;
    case MasteredRole: return r.mastered;
    default: return {};
    }
}

QHash<int, QByteArray> DimensionLevelModel::roleNames() const
{
    return {
        {DimensionIdRole, "dimensionId"}, {NameRole, "name"},   {LevelRole, "level"},       {LabelRole, "label"},
        {PreviousLevelRole, "previousLevel"}, {TrendRole, "trend"}, {MasteredRole, "mastered"},
    };
}
