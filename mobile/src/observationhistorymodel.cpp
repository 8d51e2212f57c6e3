#include "observationhistorymodel.h"

ObservationHistoryModel::ObservationHistoryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ObservationHistoryModel::reset(const QList<ObservationRecord> &observations, const ModelInfo &model,
                                    const QString &userId)
{
    beginResetModel();
    m_rows.clear();
    for (const ObservationRecord &o : observations) {
        Row row;
        row.record = o;
        row.own = o.observerId.isEmpty() || o.observerId == userId;
        int sum = 0;
        for (const DimensionInfo &d : model.dimensions)
            row.levels.append(o.levelFor(d.id).value_or(0));
        for (const RatingValue &r : o.ratings)
            sum += r.level;
        row.average = o.ratings.isEmpty() ? 0 : qreal(sum) / qreal(o.ratings.size());
        m_rows.append(std::move(row));
    }
    endResetModel();
    Q_EMIT countChanged();
}

int ObservationHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ObservationHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case ObservationIdRole: return r.record.id;
    case ObservedAtRole: return r.record.observedAt;
    case SyncStateRole: return int(r.record.localState);
    case OwnRole: return r.own;
    case Qt::DisplayRole:
    case CommentRole: return r.record.comment;
    case CoachingActionRole: return r.record.coachingAction;
    case LevelsRole: return QVariant::fromValue(r.levels);
    case RatedCountRole: return int(r.record.ratings.size());
    case AverageLevelRole: return r.average;
    default: return {};
    }
}

QHash<int, QByteArray> ObservationHistoryModel::roleNames() const
{
    return {
        {ObservationIdRole, "observationId"},
        {ObservedAtRole, "observedAt"},
        {SyncStateRole, "syncState"},
        {OwnRole, "own"},
        {CommentRole, "comment"},
        {CoachingActionRole, "coachingAction"},
        {LevelsRole, "levels"},
        {RatedCountRole, "ratedCount"},
        {AverageLevelRole, "averageLevel"},
    };
}
