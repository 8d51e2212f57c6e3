// Records the server rejected or found in conflict, with its reason. Nothing here is dropped without the
// manager saying so.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    signal fixObservationRequested(string observationId)
    signal fixActivityRequested(string activityId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    NeedsAttentionModel {
        id: attention
        store: Store
    }

    header: PageHeader {
        title: qsTr("Needs attention")
        subtitle: qsTr("%n record(s)", "", attention.count)
        onBackClicked: root.backRequested()
    }

    ListView {
        id: list
        objectName: "attentionList"
        anchors.fill: parent
        clip: true
        spacing: 10
        topMargin: 12
        leftMargin: 12
        rightMargin: 12
        bottomMargin: 12
        model: attention

        header: Label {
            textFormat: Text.PlainText
            width: list.width - list.leftMargin - list.rightMargin
            bottomPadding: 10
            visible: attention.count > 0
            text: qsTr("The server did not take these changes. Fix them and they are sent again, or discard them.")
            font.pixelSize: Theme.captionSize
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
        }

        delegate: AttentionDelegate {
            width: list.width - list.leftMargin - list.rightMargin
            onFixRequested: (kind, recordId) => kind === NeedsAttentionModel.Observation
                            ? root.fixObservationRequested(recordId) : root.fixActivityRequested(recordId)
            onRetryRequested: (seq) => attention.retry(seq)
            onKeepMineRequested: (seq) => attention.keepMine(seq)
            onDiscardRequested: (seq) => { confirmDiscard.seq = seq; confirmDiscard.open() }
        }

        EmptyState {
            anchors.centerIn: parent
            width: parent.width - 64
            visible: attention.count === 0
            title: qsTr("All clear")
            message: qsTr("Every change you made was accepted by the server or is waiting to be sent.")
        }
    }

    Label {
        textFormat: Text.PlainText
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: 16
        visible: attention.errorText.length > 0
        text: attention.errorText
        color: Theme.danger
    }

    ConfirmDialog {
        id: confirmDiscard
        objectName: "confirmDiscardDialog"
        property var seq
        title: qsTr("Discard this change?")
        message: qsTr("Your change will be deleted from this phone for good. The server keeps its own version, if it has one.")
        onAccepted: attention.discard(seq)
    }
}
