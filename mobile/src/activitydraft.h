// The coaching-activity form: kind (one-to-one, team briefing, challenge), participants and a note. Saving commits
// the activity to the outbox before returning.
//
// Threading: GUI thread only.
#pragma once

#include "participantmodel.h"
#include "records.h"

#include <QObject>
#include <QPointer>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class ActivityDraft : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString activityId READ activityId WRITE setActivityId NOTIFY activityIdChanged)
    Q_PROPERTY(Kind kind READ kind WRITE setKind NOTIFY kindChanged)
    Q_PROPERTY(QString note READ note WRITE setNote NOTIFY noteChanged)
    Q_PROPERTY(ParticipantModel *participants READ participants CONSTANT)
    Q_PROPERTY(bool isEdit READ isEdit NOTIFY activityIdChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY canSaveChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Kind { Unspecified = 0, OneToOne = 1, TeamBriefing = 2, Challenge = 3 };
    Q_ENUM(Kind)

    explicit ActivityDraft(QObject *parent = nullptr);

    [[nodiscard]] LocalStore *store() const { return m_store; }
    void setStore(LocalStore *store);
    [[nodiscard]] QString activityId() const { return m_isEdit ? m_record.id : QString(); }
    void setActivityId(const QString &id);
    [[nodiscard]] Kind kind() const { return Kind(int(m_record.kind)); }
    void setKind(Kind kind);
    [[nodiscard]] QString note() const { return m_record.note; }
    void setNote(const QString &note);
    [[nodiscard]] ParticipantModel *participants() { return &m_participants; }
    [[nodiscard]] bool isEdit() const { return m_isEdit; }
    [[nodiscard]] bool canSave() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }

    // Ticks one employee before the form opens (the activity was started from his page).
    Q_INVOKABLE void preselect(const QString &employeeId);
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool remove();

Q_SIGNALS:
    void storeChanged();
    void activityIdChanged();
    void kindChanged();
    void noteChanged();
    void canSaveChanged();
    void errorTextChanged();
    void saved(const QString &activityId);
    void removed(const QString &activityId);

private:
    void reloadParticipants(const QStringList &selected);
    void setError(const QString &text);

    QPointer<LocalStore> m_store;
    ActivityRecord m_record;
    QString m_requestedActivityId;
    bool m_isEdit = false;
    QString m_errorText;
    ParticipantModel m_participants;
};
