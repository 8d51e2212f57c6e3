// Home: the manager's teams and employees, searchable, with who is due, and the way to observe in one tap.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    signal employeeOpened(string employeeId)
    signal observeRequested(string employeeId)
    signal newObservationRequested()
    signal activityRequested()
    signal dashboardRequested()
    signal attentionRequested()
    signal settingsRequested()
    signal signInRequested()

    // The first employee listed (screen tours open his pages). Tours ask before any frame: read the list now.
    function firstEmployeeId() {
        employees.deferred = false
        return employees.count > 0 ? employees.employeeIdAt(0) : ""
    }

    background: Rectangle { color: Theme.background }

    EmployeeListModel {
        id: employees
        objectName: "employeeModel"
        store: Store
        // The store is read once this page has been shown: at start-up the window appears without waiting for
        // the list (mobile/README.md, Performance). Until then `loading` shows a busy indicator, not the empty state.
        deferred: true
        filterText: searchField.text
        dueOnly: dueFilter.checked
    }

    Connections {
        target: root.Window.window
        enabled: employees.deferred
        function onFrameSwapped() { employees.deferred = false }
    }

    header: ColumnLayout {
        spacing: 0
        PageHeader {
            Layout.fillWidth: true
            showBack: false
            title: qsTr("My teams")
            subtitle: Session.organizationName.length ? qsTr("%1 · %2").arg(Session.displayName).arg(Session.organizationName)
                                                      : Session.displayName
            IconButton {
                objectName: "dashboardButton"
                iconPath: Icons.chart
                iconColor: "white"
                toolTip: qsTr("Team dashboard")
                onClicked: root.dashboardRequested()
            }
            IconButton {
                objectName: "attentionButton"
                iconPath: Icons.warning
                iconColor: "white"
                toolTip: qsTr("Needs attention")
                onClicked: root.attentionRequested()
                Rectangle {
                    visible: Sync.attentionCount > 0
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: 6
                    width: Math.max(18, badge.implicitWidth + 8)
                    height: 18
                    radius: 9
                    color: Theme.danger
                    border.color: "white"
                    Label {
                        textFormat: Text.PlainText
                        id: badge
                        anchors.centerIn: parent
                        text: Sync.attentionCount
                        color: "white"
                        font.pixelSize: 10
                        font.weight: Font.Bold
                    }
                }
            }
            IconButton {
                objectName: "settingsButton"
                iconPath: Icons.settings
                iconColor: "white"
                toolTip: qsTr("Settings")
                onClicked: root.settingsRequested()
            }
        }
        SyncStatusBar {
            Layout.fillWidth: true
            onSignInRequested: root.signInRequested()
            onAttentionRequested: root.attentionRequested()
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: filters.implicitHeight + 16
            color: Theme.surface
            RowLayout {
                id: filters
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                spacing: 10
                TextField {
                    id: searchField
                    objectName: "searchField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search by name")
                    inputMethodHints: Qt.ImhNoPredictiveText
                    leftPadding: 36
                    Icon {
                        anchors.left: parent.left
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.leftMargin: 6
                        path: Icons.search
                        size: 22
                        color: Theme.textSecondary
                    }
                }
                ChipButton {
                    id: dueFilter
                    objectName: "dueFilter"
                    text: qsTr("Due · %1").arg(employees.loading ? "…" : employees.dueCount)
                    tint: Theme.warning
                }
            }
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.divider
            }
        }
    }

    ListView {
        id: list
        objectName: "employeeList"
        anchors.fill: parent
        clip: true
        model: employees
        boundsBehavior: Flickable.DragOverBounds
        section.property: "team"
        section.criteria: ViewSection.FullString
        section.delegate: SectionHeader {
            required property string section
            width: ListView.view.width
            text: section
        }
        delegate: EmployeeDelegate {
            width: ListView.view.width
            minLevel: employees.minLevel
            maxLevel: employees.maxLevel
            threshold: employees.masteryThreshold
            onClicked: root.employeeOpened(employeeId)
            onObserveRequested: (id) => root.observeRequested(id)
        }
        footer: Item { width: 1; height: 96 }

        // Pull down past the top to sync.
        readonly property bool pulledFar: contentY < originY - 72
        onDragEnded: if (pulledFar) Sync.syncNow()
        Label {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            y: -list.contentY + list.originY - height - 12
            visible: list.contentY < list.originY - 8
            text: list.pulledFar ? qsTr("Release to sync") : qsTr("Pull to sync")
            color: Theme.textSecondary
            font.pixelSize: Theme.captionSize
        }

        BusyIndicator {
            objectName: "employeesLoading"
            anchors.horizontalCenter: parent.horizontalCenter
            y: 48
            running: employees.loading
            visible: running
        }

        EmptyState {
            objectName: "employeesEmpty"
            anchors.centerIn: parent
            width: parent.width - 64
            visible: !employees.loading && employees.count === 0
            title: employees.totalCount > 0 ? qsTr("Nobody matches")
                 : employees.pulledOnce ? qsTr("No employees in your units") : qsTr("No employees yet")
            message: employees.totalCount > 0 ? qsTr("Try another name, or show everyone.")
                   : employees.pulledOnce ? qsTr("Ask your administrator to assign your store's employees to you.")
                   : qsTr("Your teams appear here after the first sync. Pull down to sync now.")
        }
    }

    FloatingButton {
        id: fab
        objectName: "newButton"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 20
        Accessible.name: qsTr("New")
        onClicked: newMenu.open()

        PopupMenu {
            id: newMenu
            y: -height - 8
            x: fab.width - width
            MenuItem {
                objectName: "newObservationItem"
                text: qsTr("New observation")
                onTriggered: root.newObservationRequested()
            }
            MenuItem {
                objectName: "newActivityItem"
                text: qsTr("Log a coaching activity")
                onTriggered: root.activityRequested()
            }
        }
    }
}
