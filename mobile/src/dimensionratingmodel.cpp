#include "dimensionratingmodel.h"

#include <algorithm>

DimensionRatingModel::DimensionRatingModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void DimensionRatingModel::reset(const ModelInfo &model, const QList<RatingValue> &ratings)
{
    beginResetModel();
    m_model = model;
    m_dimensions = model.dimensions;
    m_levels = QList<int>(m_dimensions.size(), 0);
    m_orphans.clear();
    for (const RatingValue &r : ratings) {
        const int index = model.dimensionIndex(r.dimensionId);
        if (index >= 0)
            m_levels[index] = r.level;
        else
            m_orphans.append(r);
    }
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT ratingsChanged();
}

bool DimensionRatingModel::setLevel(int row, int level)
{
    if (row < 0 || row >= m_levels.size())
        return false;
    const bool onScale = std::any_of(m_model.levels.cbegin(), m_model.levels.cend(),
                                     [level](const ScaleLevel &l) { return l.level == level; });
    if (level != 0 && !onScale)
        return false;
    if (m_levels.at(row) == level)
        return true;
    m_levels[row] = level;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, {LevelRole, LevelLabelRole});
    Q_EMIT ratingsChanged();
    return true;
}

QList<RatingValue> DimensionRatingModel::ratings() const
{
    QList<RatingValue> out;
    for (qsizetype i = 0; i < m_dimensions.size(); ++i) {
        if (m_levels.at(i) != 0)
            out.append({m_dimensions.at(i).id, m_levels.at(i)});
    }
    out.append(m_orphans);
    return out;
}

int DimensionRatingModel::ratedCount() const
{
    return int(std::count_if(m_levels.cbegin(), m_levels.cend(), [](int l) { return l != 0; }));
}

int DimensionRatingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_dimensions.size());
}

QVariant DimensionRatingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DimensionInfo &d = m_dimensions.at(index.row());
    switch (role) {
    case DimensionIdRole: return d.id;
    case Qt::DisplayRole:
    case NameRole: return d.name;
    case DescriptionRole: return d.description;
    case BehavioursRole: return d.behaviours;
    case LevelRole: return m_levels.at(index.row());
    case LevelLabelRole: return m_levels.at(index.row()) == 0 ? QString() : m_model.levelLabel(m_levels.at(index.row()));
    default: return {};
    }
}

QHash<int, QByteArray> DimensionRatingModel::roleNames() const
{
    return {
        {DimensionIdRole, "dimensionId"}, {NameRole, "name"},   {DescriptionRole, "description"},
        {BehavioursRole, "behaviours"},   {LevelRole, "level"}, {LevelLabelRole, "levelLabel"},
    };
}
