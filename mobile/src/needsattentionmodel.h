// The records the server rejected or reported in conflict, each with the server's reason, and the deliberate
// ways out: fix (edit, which sends a corrected or rebased revision), retry, keep mine (conflicts), or discard.
//
// Threading: GUI thread only.
#pragma once

#include "storewatch.h"
#include "records.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class NeedsAttentionModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        KindRole,          // Kind
        RecordIdRole,
        EmployeeIdRole,    // observations: the observed employee
        TitleRole,         // observations: the employee's name; activities: empty (QML names the kind)
        ActivityKindRole,  // ActivityDraft::Kind value for activities
        ParticipantCountRole,
        AtRole,            // QDateTime the record is about
        StateRole,         // State
        ReasonRole,        // the server's message
        CodeRole,          // the server's code
        DeletionRole       // the change was a deletion
    };
    Q_ENUM(Role)
    enum Kind { Observation = int(RecordKind::Observation), Activity = int(RecordKind::Activity) };
    Q_ENUM(Kind)
    enum State { Rejected = int(OutboxState::Rejected), Conflict = int(OutboxState::Conflict) };
    Q_ENUM(State)

    explicit NeedsAttentionModel(QObject *parent = nullptr);

    [[nodiscard]] LocalStore *store() const { return m_watch.store(); }
    void setStore(LocalStore *store);
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    Q_INVOKABLE bool retry(qint64 seq);
    Q_INVOKABLE bool keepMine(qint64 seq);
    Q_INVOKABLE bool discard(qint64 seq);
    Q_INVOKABLE void refresh();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void storeChanged();
    void countChanged();
    void errorTextChanged();

private:
    void setError(const QString &text);

    struct Row {
        OutboxEntry entry;
        QString employeeName;
    };
    StoreWatch m_watch{this, StoreWatch::Outbox | StoreWatch::ReferenceData, [this] { refresh(); }};
    QList<Row> m_rows;
    QString m_errorText;
    // Coalesces the store's change signals (a save or a pull page emits several) into one refresh, run from the
    // event loop right after the change, before the next frame.
};
