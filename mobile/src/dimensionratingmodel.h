// The observation form's rows: every dimension of the model with its behaviours and the level the manager tapped
// (0 = not observed).
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QtQmlIntegration>

class DimensionRatingModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ObservationDraft.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int ratedCount READ ratedCount NOTIFY ratingsChanged)

public:
    enum Role {
        DimensionIdRole = Qt::UserRole + 1,
        NameRole,
        DescriptionRole,
        BehavioursRole,  // QStringList
        LevelRole,       // int, 0 when not observed
        LevelLabelRole
    };
    Q_ENUM(Role)

    explicit DimensionRatingModel(QObject *parent = nullptr);

    // Lists the model's dimensions with the given ratings; ratings on dimensions the model no longer has are kept
    // aside and returned by ratings() so an edit never silently drops them.
    void reset(const ModelInfo &model, const QList<RatingValue> &ratings);
    // Sets the level of a row; 0 clears it. Levels outside the scale are refused.
    Q_INVOKABLE bool setLevel(int row, int level);
    [[nodiscard]] QList<RatingValue> ratings() const;

    [[nodiscard]] int count() const { return int(m_dimensions.size()); }
    [[nodiscard]] int ratedCount() const;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();
    void ratingsChanged();

private:
    ModelInfo m_model;
    QList<DimensionInfo> m_dimensions;
    QList<int> m_levels;
    QList<RatingValue> m_orphans;  // ratings of dimensions absent from the current model
};
