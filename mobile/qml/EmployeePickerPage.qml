// Step one of a new observation from the home button: whom did you observe?
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    signal picked(string employeeId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    EmployeeListModel {
        id: employees
        store: Store
        filterText: search.text
    }

    header: ColumnLayout {
        spacing: 0
        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Whom did you observe?")
            onBackClicked: root.backRequested()
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: search.implicitHeight + 16
            color: Theme.surface
            TextField {
                id: search
                objectName: "pickerSearch"
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                placeholderText: qsTr("Search by name")
                focus: true
            }
        }
    }

    ListView {
        objectName: "pickerList"
        anchors.fill: parent
        clip: true
        model: employees
        section.property: "team"
        section.delegate: SectionHeader {
            required property string section
            width: ListView.view.width
            text: section
        }
        delegate: ItemDelegate {
            id: row
            required property string employeeId
            required property string name
            required property string initials
            required property string jobTitle
            required property bool due
            objectName: "pick_" + employeeId
            width: ListView.view.width
            implicitHeight: 60
            leftPadding: Theme.margin
            contentItem: RowLayout {
                spacing: 14
                Avatar { name: row.name; initials: row.initials; size: 36 }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label { textFormat: Text.PlainText; text: row.name; font.pixelSize: 16; color: Theme.textPrimary; elide: Text.ElideRight; Layout.fillWidth: true }
                    Label { textFormat: Text.PlainText; text: row.jobTitle; font.pixelSize: Theme.captionSize; color: Theme.textSecondary; elide: Text.ElideRight; Layout.fillWidth: true }
                }
                Label {
                    textFormat: Text.PlainText
                    visible: row.due
                    text: qsTr("Due")
                    color: Theme.warning
                    font.pixelSize: Theme.smallSize
                    font.weight: Font.DemiBold
                    rightPadding: Theme.margin
                }
            }
            onClicked: root.picked(employeeId)
        }
        EmptyState {
            anchors.centerIn: parent
            width: parent.width - 64
            visible: employees.count === 0
            title: qsTr("Nobody matches")
            message: employees.totalCount === 0 ? qsTr("Sync once with the network on to download your teams.") : ""
        }
    }
}
