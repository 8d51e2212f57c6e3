// The home screen's list: the manager's active employees by team, each with the date of the last observation, a
// mastery mark per dimension, and a "due" flag when nobody accompanied them for the organisation's N days.
// Filtered by name as the manager types. Created from QML it can wait to read the store (`deferred`), so a screen
// shows at once and the list a frame later; `loading` says so meanwhile, so an empty list is never taken for "nobody".
//
// Threading: GUI thread only.
#pragma once

#include "storewatch.h"
#include "records.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlParserStatus>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class EmployeeListModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(bool deferred READ deferred WRITE setDeferred NOTIFY deferredChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(bool dueOnly READ dueOnly WRITE setDueOnly NOTIFY dueOnlyChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY summaryChanged)
    Q_PROPERTY(bool pulledOnce READ pulledOnce NOTIFY summaryChanged)
    Q_PROPERTY(int dueCount READ dueCount NOTIFY summaryChanged)
    Q_PROPERTY(int dueAfterDays READ dueAfterDays NOTIFY summaryChanged)
    Q_PROPERTY(int masteryThreshold READ masteryThreshold NOTIFY summaryChanged)
    Q_PROPERTY(int minLevel READ minLevel NOTIFY summaryChanged)
    Q_PROPERTY(int maxLevel READ maxLevel NOTIFY summaryChanged)
    Q_PROPERTY(QStringList dimensionNames READ dimensionNames NOTIFY summaryChanged)

public:
    enum Role {
        EmployeeIdRole = Qt::UserRole + 1,
        NameRole,
        InitialsRole,
        JobTitleRole,
        TeamRole,
        LastObservedAtRole,         // QDateTime, invalid when never observed
        DaysSinceAccompaniedRole,   // int, -1 when never accompanied
        DueRole,                    // bool
        LevelsRole,                 // QList<int>: the assessment per model dimension, 0 when none
        PendingCountRole,           // int: the manager's unsent observations of this employee
        NeedsAttentionRole          // bool: one of them was rejected or is in conflict
    };
    Q_ENUM(Role)

    explicit EmployeeListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] LocalStore *store() const { return m_watch.store(); }
    void setStore(LocalStore *store);
    [[nodiscard]] QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    [[nodiscard]] bool dueOnly() const { return m_dueOnly; }
    void setDueOnly(bool dueOnly);
    // While true the store is followed but not read (the home screen at start-up, until its first frame is shown).
    // Setting it back to false reads the store at once.
    [[nodiscard]] bool deferred() const { return m_deferred; }
    void setDeferred(bool deferred);
    // True while there is a store whose rows have not been read yet: the list is not known, not empty.
    [[nodiscard]] bool loading() const { return m_watch.store() && !m_loaded; }
    [[nodiscard]] int count() const { return int(m_visible.size()); }
    [[nodiscard]] int totalCount() const { return int(m_rows.size()); }
    // False until a first full pull: an empty list then means "not downloaded yet", not "nobody".
    [[nodiscard]] bool pulledOnce() const { return m_pulledOnce; }
    [[nodiscard]] int dueCount() const { return m_dueCount; }
    [[nodiscard]] int dueAfterDays() const { return m_dueAfterDays; }
    [[nodiscard]] int masteryThreshold() const { return m_model.masteryThreshold; }
    [[nodiscard]] int minLevel() const { return m_model.minLevel(); }
    [[nodiscard]] int maxLevel() const { return m_model.maxLevel(); }
    [[nodiscard]] QStringList dimensionNames() const;

    // Reloads from the store (called on every committed change; public for tests and benchmarks).
    Q_INVOKABLE void refresh();

    // From QML, the store is read once every initial property is set, so `deferred` holds whatever their order.
    void classBegin() override;
    void componentComplete() override;
    // The row of an employee among the visible rows, -1 when hidden.
    Q_INVOKABLE int rowOf(const QString &employeeId) const;
    // The employee id of a visible row, empty when out of range.
    Q_INVOKABLE QString employeeIdAt(int row) const;

Q_SIGNALS:
    void storeChanged();
    void filterTextChanged();
    void dueOnlyChanged();
    void deferredChanged();
    void loadingChanged();
    void countChanged();
    void summaryChanged();

private:
    struct Row {
        EmployeeRecord employee;
        QString team;
        QString searchKey;  // SearchText::normalize(name)
        QString teamKey;    // SearchText::normalize(team)
        QDateTime lastObservedAt;
        int daysSinceAccompanied = -1;
        bool due = false;
        QList<int> levels;
        int pendingCount = 0;
        bool needsAttention = false;
    };
    void applyFilter();
    [[nodiscard]] std::vector<int> visibleRows() const;
    // Reads the store unless reading must wait (deferred, or QML still setting the initial properties).
    void refreshWhenAllowed();
    void setLoaded(bool loaded);

    StoreWatch m_watch{this, StoreWatch::Records | StoreWatch::ReferenceData, [this] { refreshWhenAllowed(); }};
    bool m_deferred = false;
    bool m_completing = false;  // between classBegin() and componentComplete()
    bool m_loaded = false;      // the rows come from the current store
    QString m_filterText;
    bool m_dueOnly = false;
    ModelInfo m_model;
    int m_dueAfterDays = 30;
    int m_dueCount = 0;
    bool m_pulledOnce = false;
    std::vector<Row> m_rows;
    std::vector<int> m_visible;  // indices into m_rows
    // Coalesces the store's change signals (a save or a pull page emits several) into one refresh, run from the
    // event loop right after the change, before the next frame.
};
