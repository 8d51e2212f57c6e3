// Mastery per dimension for the dashboard's bar chart. Rates are NaN when undefined (nobody assessed), which the
// chart shows as "no data", never as 0.
#pragma once

#include <QAbstractListModel>
#include <QtQmlIntegration>

class DimensionFiguresModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by TeamDashboard.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        DimensionIdRole = Qt::UserRole + 1,
        NameRole,
        MasteryRateRole,  // qreal in [0, 1] or NaN
        CoverageRole,     // qreal in [0, 1] or NaN
        AssessedRole,
        MasteredRole,
        AverageLevelRole  // qreal or NaN
    };
    Q_ENUM(Role)

    struct Row {
        QString dimensionId;
        QString name;
        qreal masteryRate = 0;
        qreal coverage = 0;
        int assessed = 0;
        int mastered = 0;
        qreal averageLevel = 0;
    };

    explicit DimensionFiguresModel(QObject *parent = nullptr);
    void reset(QList<Row> rows);

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    QList<Row> m_rows;
};
