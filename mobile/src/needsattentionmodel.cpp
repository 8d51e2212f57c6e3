#include "needsattentionmodel.h"

#include "localstore.h"

#include <QHash>

NeedsAttentionModel::NeedsAttentionModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void NeedsAttentionModel::setStore(LocalStore *store)
{
    if (!m_watch.follow(store))
        return;
    Q_EMIT storeChanged();
    refresh();
}

void NeedsAttentionModel::refresh()
{
    QList<Row> rows;
    if (m_watch.store()) {
        QHash<QString, QString> names;
        for (const EmployeeRecord &e : m_watch.store()->cache().employees())
            names.insert(e.id, e.displayName);
        for (const OutboxEntry &e : m_watch.store()->outbox().attentionEntries())
            rows.append({e, e.kind == RecordKind::Observation ? names.value(e.observation.employeeId) : QString()});
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT countChanged();
}

void NeedsAttentionModel::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

bool NeedsAttentionModel::retry(qint64 seq)
{
    QString error;
    const bool ok = m_watch.store() && m_watch.store()->outbox().retry(seq, &error);
    setError(ok ? QString() : error);
    return ok;
}

bool NeedsAttentionModel::keepMine(qint64 seq)
{
    QString error;
    const bool ok = m_watch.store() && m_watch.store()->outbox().keepMine(seq, &error);
    setError(ok ? QString() : error);
    return ok;
}

bool NeedsAttentionModel::discard(qint64 seq)
{
    QString error;
    const bool ok = m_watch.store() && m_watch.store()->outbox().discard(seq, &error);
    setError(ok ? QString() : error);
    return ok;
}

int NeedsAttentionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant NeedsAttentionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const OutboxEntry &e = r.entry;
    const bool observation = e.kind == RecordKind::Observation;
    switch (role) {
    case SeqRole: return e.seq;
    case KindRole: return int(e.kind);
    case RecordIdRole: return e.recordId;
    case EmployeeIdRole: return observation ? e.observation.employeeId : QString();
    case Qt::DisplayRole:
    case TitleRole: return r.employeeName;
    case ActivityKindRole: return observation ? 0 : int(e.activity.kind);
    case ParticipantCountRole: return observation ? 0 : int(e.activity.participantIds.size());
    case AtRole: return observation ? e.observation.observedAt : e.activity.occurredAt;
    case StateRole: return int(e.state);
    case ReasonRole: return e.errorMessage;
    case CodeRole: return e.errorCode;
    case DeletionRole: return observation ? e.observation.deleted : e.activity.deleted;
    default: return {};
    }
}

QHash<int, QByteArray> NeedsAttentionModel::roleNames() const
{
    return {
        {SeqRole, "seq"},
        {KindRole, "kind"},
        {RecordIdRole, "recordId"},
        {EmployeeIdRole, "employeeId"},
        {TitleRole, "title"},
        {ActivityKindRole, "activityKind"},
        {ParticipantCountRole, "participantCount"},
        {AtRole, "at"},
        {StateRole, "attentionState"},
        {ReasonRole, "reason"},
        {CodeRole, "code"},
        {DeletionRole, "deletion"},
    };
}
