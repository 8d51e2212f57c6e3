#include "activitydraft.h"

#include "deviceclock.h"
#include "domainconversion.h"
#include "localstore.h"
#include "recordid.h"

#include "floorwalk/validation.h"

ActivityDraft::ActivityDraft(QObject *parent)
    : QObject(parent)
{
    m_record.id = RecordId::create();
    m_record.kind = ActivityKind::OneToOne;
    connect(&m_participants, &ParticipantModel::selectionChanged, this, [this] {
        setError(QString());
        Q_EMIT canSaveChanged();
    });
}

void ActivityDraft::setStore(LocalStore *store)
{
    if (m_store == store)
        return;
    m_store = store;
    reloadParticipants(m_participants.selectedIds());
    Q_EMIT storeChanged();
    Q_EMIT canSaveChanged();
    if (!m_requestedActivityId.isEmpty())
        setActivityId(m_requestedActivityId);
}

void ActivityDraft::reloadParticipants(const QStringList &selected)
{
    if (!m_store) {
        m_participants.reset({}, {}, selected);
        return;
    }
    QHash<QString, QString> teams;
    for (const UnitRecord &u : m_store->cache().units())
        teams.insert(u.id, u.name);
    m_participants.reset(m_store->cache().employees(), teams, selected);
}

void ActivityDraft::setActivityId(const QString &id)
{
    m_requestedActivityId = id;
    if (!m_store || id.isEmpty() || (m_isEdit && m_record.id == id))
        return;
    const auto record = m_store->records().activity(id);
    if (!record) {
        setError(tr("This activity no longer exists."));
        return;
    }
    m_record = *record;
    m_isEdit = true;
    reloadParticipants(m_record.participantIds);
    Q_EMIT activityIdChanged();
    Q_EMIT kindChanged();
    Q_EMIT noteChanged();
    Q_EMIT canSaveChanged();
}

void ActivityDraft::setKind(Kind kind)
{
    if (this->kind() == kind)
        return;
    m_record.kind = ActivityKind(int(kind));
    Q_EMIT kindChanged();
    Q_EMIT canSaveChanged();
}

void ActivityDraft::setNote(const QString &note)
{
    if (m_record.note == note)
        return;
    m_record.note = note;
    Q_EMIT noteChanged();
}

void ActivityDraft::preselect(const QString &employeeId)
{
    QStringList selected = m_participants.selectedIds();
    if (!selected.contains(employeeId)) {
        selected.append(employeeId);
        reloadParticipants(selected);
    }
}

bool ActivityDraft::canSave() const
{
    return m_store && m_record.kind != ActivityKind::Unspecified && m_participants.selectedCount() > 0;
}

void ActivityDraft::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

bool ActivityDraft::save()
{
    if (!m_store)
        return false;
    if (m_record.kind == ActivityKind::Unspecified) {
        setError(tr("Choose the kind of activity."));
        return false;
    }
    if (m_participants.selectedCount() == 0) {
        setError(tr("Choose at least one participant."));
        return false;
    }
    ActivityRecord record = m_record;
    record.participantIds = m_participants.selectedIds();
    if (!m_isEdit) {
        record.occurredAt = DeviceClock::nowUtc();
        record.managerId = m_store->user().id;
    }
    const floorwalk::ValidationErrors errors = floorwalk::validate_activity(
        DomainConversion::toDomain(record), DomainConversion::toDomain(DeviceClock::nowUtc()));
    if (!errors.empty()) {
        setError(QString::fromStdString(errors.front().message));
        return false;
    }
    QString error;
    if (!m_store->outbox().saveActivity(record, &error)) {
        setError(tr("The activity could not be saved on this phone: %1").arg(error));
        return false;
    }
    setError(QString());
    const QString id = record.id;
    if (!m_isEdit) {
        m_record = ActivityRecord{};
        m_record.id = RecordId::create();
        m_record.kind = record.kind;
        reloadParticipants({});
        Q_EMIT noteChanged();
    }
    Q_EMIT saved(id);
    return true;
}

bool ActivityDraft::remove()
{
    if (!m_store || !m_isEdit)
        return false;
    QString error;
    if (!m_store->outbox().deleteActivity(m_record.id, &error)) {
        setError(tr("The activity could not be deleted: %1").arg(error));
        return false;
    }
    Q_EMIT removed(m_record.id);
    return true;
}
