// The employees nobody accompanied for the organisation's N days, most overdue first.
#pragma once

#include <QAbstractListModel>
#include <QtQmlIntegration>

class DueEmployeeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by TeamDashboard.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { EmployeeIdRole = Qt::UserRole + 1, NameRole, TeamRole, DaysSinceAccompaniedRole };
    Q_ENUM(Role)

    struct Row {
        QString employeeId;
        QString name;
        QString team;
        int daysSinceAccompanied = -1;  // -1: never
    };

    explicit DueEmployeeModel(QObject *parent = nullptr);
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
