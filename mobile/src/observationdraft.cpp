#include "observationdraft.h"

#include "deviceclock.h"
#include "domainconversion.h"
#include "localstore.h"
#include "recordid.h"

#include "floorwalk/validation.h"

ObservationDraft::ObservationDraft(QObject *parent)
    : QObject(parent)
{
    m_record.id = RecordId::create();
    connect(&m_dimensions, &DimensionRatingModel::ratingsChanged, this, [this] {
        Q_EMIT ratingsChanged();
        Q_EMIT canSaveChanged();
        setError(QString());
    });
}

void ObservationDraft::setStore(LocalStore *store)
{
    if (m_store == store)
        return;
    m_store = store;
    m_model = m_store ? m_store->cache().model() : ModelInfo();
    m_scale.setModel(m_model);
    m_dimensions.reset(m_model, m_record.ratings);
    loadEmployee();
    Q_EMIT storeChanged();
    Q_EMIT canSaveChanged();
    // QML may assign observationId before store.
    if (!m_requestedObservationId.isEmpty())
        setObservationId(m_requestedObservationId);
}

void ObservationDraft::setEmployeeId(const QString &id)
{
    if (m_record.employeeId == id || m_isEdit)
        return;
    m_record.employeeId = id;
    loadEmployee();
    Q_EMIT canSaveChanged();
}

void ObservationDraft::loadEmployee()
{
    m_employeeName.clear();
    m_teamName.clear();
    if (m_store && !m_record.employeeId.isEmpty()) {
        if (const auto employee = m_store->cache().employee(m_record.employeeId)) {
            m_employeeName = employee->displayName;
            for (const UnitRecord &u : m_store->cache().units()) {
                if (u.id == employee->unitId)
                    m_teamName = u.name;
            }
        }
    }
    Q_EMIT employeeChanged();
}

void ObservationDraft::setObservationId(const QString &id)
{
    m_requestedObservationId = id;
    if (!m_store || id.isEmpty() || (m_isEdit && m_record.id == id))
        return;
    const auto record = m_store->records().observation(id);
    if (!record) {
        setError(tr("This observation no longer exists."));
        return;
    }
    m_record = *record;
    m_isEdit = true;
    m_editable = record->observerId.isEmpty() || record->observerId == m_store->user().id;
    m_dimensions.reset(m_model, m_record.ratings);
    loadEmployee();
    Q_EMIT observationIdChanged();
    Q_EMIT commentChanged();
    Q_EMIT coachingActionChanged();
    Q_EMIT canSaveChanged();
}

void ObservationDraft::setComment(const QString &comment)
{
    if (m_record.comment == comment)
        return;
    m_record.comment = comment;
    Q_EMIT commentChanged();
    Q_EMIT canSaveChanged();
}

void ObservationDraft::setCoachingAction(const QString &action)
{
    if (m_record.coachingAction == action)
        return;
    m_record.coachingAction = action;
    Q_EMIT coachingActionChanged();
    Q_EMIT canSaveChanged();
}

int ObservationDraft::maxTextLength() const
{
    return int(floorwalk::max_comment_length);
}

void ObservationDraft::toggleLevel(int row, int level)
{
    const QModelIndex index = m_dimensions.index(row);
    const int current = m_dimensions.data(index, DimensionRatingModel::LevelRole).toInt();
    m_dimensions.setLevel(row, current == level ? 0 : level);
}

bool ObservationDraft::canSave() const
{
    return m_store && m_editable && m_model.isValid() && !m_record.employeeId.isEmpty()
        && m_dimensions.ratedCount() > 0;
}

void ObservationDraft::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

QString ObservationDraft::validate() const
{
    if (!m_store)
        return tr("Nothing to save to.");
    if (!m_editable)
        return tr("Only the manager who made this observation can change it.");
    if (!m_model.isValid())
        return tr("The experience model has not been downloaded yet: sync once with the network on.");
    if (m_record.employeeId.isEmpty())
        return tr("Choose the employee you observed.");
    if (m_dimensions.ratedCount() == 0)
        return tr("Rate at least one dimension.");
    if (m_record.comment.toUcs4().size() > qsizetype(floorwalk::max_comment_length)
        || m_record.coachingAction.toUcs4().size() > qsizetype(floorwalk::max_comment_length))
        return tr("Comments are limited to %1 characters.").arg(floorwalk::max_comment_length);
    return {};
}

bool ObservationDraft::save()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        setError(problem);
        return false;
    }
    ObservationRecord record = m_record;
    record.ratings = m_dimensions.ratings();
    if (!m_isEdit) {
        record.observedAt = DeviceClock::nowUtc();
        record.modelVersion = m_model.version;
        record.observerId = m_store->user().id;
    }
    // The server's own rules, applied before the record leaves the phone, when the model matches.
    if (record.modelVersion == m_model.version) {
        const floorwalk::ValidationErrors errors =
            floorwalk::validate_observation(DomainConversion::toDomain(record), DomainConversion::toDomain(m_model),
                                            DomainConversion::toDomain(DeviceClock::nowUtc()));
        if (!errors.empty()) {
            setError(QString::fromStdString(errors.front().message));
            return false;
        }
    }
    QString error;
    if (!m_store->outbox().saveObservation(record, &error)) {
        setError(tr("The observation could not be saved on this phone: %1").arg(error));
        return false;
    }
    setError(QString());
    const QString id = record.id;
    if (!m_isEdit) {
        // A fresh id for the next observation made with this form.
        m_record = ObservationRecord{};
        m_record.id = RecordId::create();
        m_record.employeeId = record.employeeId;
        m_dimensions.reset(m_model, {});
        Q_EMIT commentChanged();
        Q_EMIT coachingActionChanged();
    }
    Q_EMIT saved(id);
    return true;
}

bool ObservationDraft::remove()
{
    if (!m_store || !m_isEdit || !m_editable) {
        setError(tr("Only the manager who made this observation can delete it."));
        return false;
    }
    QString error;
    if (!m_store->outbox().deleteObservation(m_record.id, &error)) {
        setError(tr("The observation could not be deleted: %1").arg(error));
        return false;
    }
    Q_EMIT removed(m_record.id);
    return true;
}
