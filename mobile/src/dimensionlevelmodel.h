// One employee's current level per dimension (the assessment the indicators use) and which way it moved since the
// observation before.
#pragma once

#include <QAbstractListModel>
#include <QtQmlIntegration>

class DimensionLevelModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by EmployeeDetail.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        DimensionIdRole = Qt::UserRole + 1,
        NameRole,
        LevelRole,          // int, 0 when not assessed in the window
        LabelRole,          // the scale's label of that level
        PreviousLevelRole,  // int, 0 when there is no earlier rating
        TrendRole,          // -1 down, 0 same or unknown, +1 up
        MasteredRole
    };
    Q_ENUM(Role)

    struct Row {
        QString dimensionId;
        QString name;
        int level = 0;
        QString label;
        int previousLevel = 0;
        bool mastered = false;
    };

    explicit DimensionLevelModel(QObject *parent = nullptr);
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
