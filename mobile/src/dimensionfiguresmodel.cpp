#include "dimensionfiguresmodel.h"

DimensionFiguresModel::DimensionFiguresModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void DimensionFiguresModel::reset(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    Q_EMIT countChanged();
}

int DimensionFiguresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DimensionFiguresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case DimensionIdRole: return r.dimensionId;
    case Qt::DisplayRole:
    case NameRole: return r.name;
    case MasteryRateRole: return r.masteryRate;
    case CoverageRole: return r.coverage;
    case AssessedRole: return r.assessed;
    case MasteredRole: return r.mastered;
    case AverageLevelRole: return r.averageLevel;
    default: return {};
    }
}

QHash<int, QByteArray> DimensionFiguresModel::roleNames() const
{
    return {
        {DimensionIdRole, "dimensionId"}, {NameRole, "name"},         {MasteryRateRole, "masteryRate"},
        {CoverageRole, "coverage"},       {AssessedRole, "assessed"}, {MasteredRole, "mastered"},
        {AverageLevelRole, "averageLevel"},
    };
}
