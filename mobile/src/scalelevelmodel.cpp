#include "scalelevelmodel.h"

ScaleLevelModel::ScaleLevelModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ScaleLevelModel::setModel(const ModelInfo &model)
{
    if (model.levels == m_levels && model.masteryThreshold == m_threshold)
        return;
    beginResetModel();
    m_levels = model.levels;
    m_threshold = model.masteryThreshold;
    endResetModel();
    Q_EMIT countChanged();
}

int ScaleLevelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_levels.size());
}

QVariant ScaleLevelModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScaleLevel &level = m_levels.at(index.row());
    switch (role) {
    case LevelRole: return level.level;
    case Qt::DisplayRole:
    case LabelRole: return level.label;
    case MasteredRole: return level.level >= m_threshold;
    default: return {};
    }
}

QHash<int, QByteArray> ScaleLevelModel::roleNames() const
{
    return {{LevelRole, "level"}, {LabelRole, "label"}, {MasteredRole, "mastered"}};
}
