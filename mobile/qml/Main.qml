// The window and its navigation: sign-in or the home list at the root, every other screen pushed on top.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Floorwalk

ApplicationWindow {
    id: window

    // Screen tours (self-test, screenshots) open screens without transitions.
    property bool instant: false
    property string rootScreen: ""

    width: 412
    height: 915
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    title: "Floorwalk"
    color: Theme.background

    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.primary

    function transition() {
        return instant ? StackView.Immediate : StackView.PushTransition
    }

    // The root follows the session's rootScreen.
    function showRoot() {
        const target = Session.rootScreen === Session.SplashScreen ? "splash"
                     : Session.rootScreen === Session.SignInScreen ? "signin" : "home"
        if (target === rootScreen)
            return
        rootScreen = target
        stack.clear(StackView.Immediate)
        stack.push(target === "home" ? homeComponent : target === "signin" ? signInComponent : splashComponent,
                   {}, StackView.Immediate)
    }

    function home() {
        return rootScreen === "home" ? stack.get(0) : null
    }

    function back() {
        if (stack.depth > 1)
            stack.pop(instant ? StackView.Immediate : StackView.PopTransition)
    }

    function observe(employeeId) {
        stack.push(observationComponent, { employeeId: employeeId }, transition())
    }

    function editObservation(observationId) {
        stack.push(observationComponent, { observationId: observationId }, transition())
    }

    function logActivity(participantId) {
        stack.push(activityComponent, { participantId: participantId }, transition())
    }

    function editActivity(activityId) {
        stack.push(activityComponent, { activityId: activityId }, transition())
    }

    function openEmployee(employeeId) {
        stack.push(employeeComponent, { employeeId: employeeId }, transition())
    }

    // For tours: opens one of ScreenTour::screens() over the home list. Returns false for an unknown name.
    function openScreen(name) {
        instant = true
        rootScreen = ""
        stack.clear(StackView.Immediate)
        stack.push(homeComponent, {}, StackView.Immediate)
        rootScreen = "home"
        const first = stack.get(0).firstEmployeeId()
        switch (name) {
        case "home": break
        case "signin": stack.push(signInComponent, { canGoBack: true }, StackView.Immediate); break
        case "observation": stack.push(observationComponent, { employeeId: first }, StackView.Immediate); break
        case "activity": stack.push(activityComponent, { participantId: first }, StackView.Immediate); break
        case "employee": stack.push(employeeComponent, { employeeId: first }, StackView.Immediate); break
        case "dashboard": stack.push(dashboardComponent, {}, StackView.Immediate); break
        case "attention": stack.push(attentionComponent, {}, StackView.Immediate); break
        case "settings": stack.push(settingsComponent, {}, StackView.Immediate); break
        default: return false
        }
        return true
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        focus: true
        Keys.onBackPressed: (event) => {
            event.accepted = stack.depth > 1
            window.back()
        }
    }

    Snackbar {
        id: snackbar
    }

    Connections {
        target: Session
        function onStateChanged() {
            window.showRoot()
            // A re-authentication pushed over home is done once signed in again.
            if (Session.signedIn && stack.currentItem && stack.currentItem.objectName === "signInPage" && stack.depth > 1)
                window.back()
        }
    }

    Component.onCompleted: showRoot()

    // Android's back gesture closes the window: step back through the screens first.
    onClosing: (close) => {
        if (Qt.platform.os === "android" && stack.depth > 1) {
            close.accepted = false
            back()
        }
    }

    Component {
        id: splashComponent
        Page {
            background: Rectangle { color: Theme.primary }
            BusyIndicator {
                anchors.centerIn: parent
                Material.accent: "white"
            }
        }
    }

    Component {
        id: signInComponent
        SignInPage {
            objectName: "signInPage"
            onBackRequested: window.back()
        }
    }

    Component {
        id: homeComponent
        HomePage {
            objectName: "homePage"
            onEmployeeOpened: (id) => window.openEmployee(id)
            onObserveRequested: (id) => window.observe(id)
            onNewObservationRequested: stack.push(pickerComponent, {}, window.transition())
            onActivityRequested: window.logActivity("")
            onDashboardRequested: stack.push(dashboardComponent, {}, window.transition())
            onAttentionRequested: stack.push(attentionComponent, {}, window.transition())
            onSettingsRequested: stack.push(settingsComponent, {}, window.transition())
            onSignInRequested: stack.push(signInComponent, { canGoBack: true }, window.transition())
        }
    }

    Component {
        id: pickerComponent
        EmployeePickerPage {
            objectName: "pickerPage"
            onPicked: (id) => stack.replace(observationComponent, { employeeId: id }, window.transition())
            onBackRequested: window.back()
        }
    }

    Component {
        id: observationComponent
        ObservationPage {
            objectName: "observationPage"
            onSaved: {
                window.back()
                snackbar.show(Session.signedIn ? qsTr("Saved on this phone. It will be sent at the next sync.")
                                               : qsTr("Saved on this phone."))
            }
            onRemoved: {
                window.back()
                snackbar.show(qsTr("Observation deleted."))
            }
            onBackRequested: window.back()
        }
    }

    Component {
        id: activityComponent
        ActivityPage {
            objectName: "activityPage"
            onSaved: {
                window.back()
                snackbar.show(qsTr("Coaching activity saved on this phone."))
            }
            onRemoved: {
                window.back()
                snackbar.show(qsTr("Coaching activity deleted."))
            }
            onBackRequested: window.back()
        }
    }

    Component {
        id: employeeComponent
        EmployeePage {
            objectName: "employeePage"
            onObserveRequested: (id) => window.observe(id)
            onEditRequested: (id) => window.editObservation(id)
            onActivityRequested: (id) => window.logActivity(id)
            onBackRequested: window.back()
        }
    }

    Component {
        id: dashboardComponent
        DashboardPage {
            objectName: "dashboardPage"
            onEmployeeOpened: (id) => window.openEmployee(id)
            onBackRequested: window.back()
        }
    }

    Component {
        id: attentionComponent
        NeedsAttentionPage {
            objectName: "attentionPage"
            onFixObservationRequested: (id) => window.editObservation(id)
            onFixActivityRequested: (id) => window.editActivity(id)
            onBackRequested: window.back()
        }
    }

    Component {
        id: settingsComponent
        SettingsPage {
            objectName: "settingsPage"
            onBackRequested: window.back()
        }
    }
}
