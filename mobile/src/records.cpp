#include "records.h"

QString ModelInfo::levelLabel(int level) const
{
    for (const ScaleLevel &l : levels) {
        if (l.level == level)
            return l.label;
    }
    return QString::number(level);
}

int ModelInfo::dimensionIndex(const QString &dimensionId) const
{
    for (qsizetype i = 0; i < dimensions.size(); ++i) {
        if (dimensions.at(i).id == dimensionId)
            return int(i);
    }
    return -1;
}

std::optional<int> ObservationRecord::levelFor(const QString &dimensionId) const
{
    for (const RatingValue &r : ratings) {
        if (r.dimensionId == dimensionId)
            return r.level;
    }
    return std::nullopt;
}
