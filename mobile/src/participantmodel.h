// The employees a coaching activity can name as participants, each with a selected flag.
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QtQmlIntegration>

class ParticipantModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ActivityDraft.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)

public:
    enum Role { EmployeeIdRole = Qt::UserRole + 1, NameRole, TeamRole, SelectedRole };
    Q_ENUM(Role)

    explicit ParticipantModel(QObject *parent = nullptr);

    // `employees` with their team names; `selected` ids are ticked (ids of people no longer listed are kept).
    void reset(const QList<EmployeeRecord> &employees, const QHash<QString, QString> &teamNames,
               const QStringList &selected);
    Q_INVOKABLE void toggle(int row);
    // Ticks (or clears) every listed member of a team at once: a team briefing names the whole team.
    Q_INVOKABLE void selectTeam(const QString &team, bool selected);
    [[nodiscard]] QStringList selectedIds() const;

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] int selectedCount() const;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();
    void selectionChanged();

private:
    struct Row {
        QString id;
        QString name;
        QString team;
        bool selected = false;
    };
    QList<Row> m_rows;
    QStringList m_unlisted;  // selected ids without a row (inactive or moved away)
};
