// Settings through the real screens: the language switches at once, and signing out with unsent changes asks
// first and discards only on an explicit yes.
import QtQuick
import QtTest
import Floorwalk
import FloorwalkTest

TestCase {
    id: test
    name: "Settings"
    when: windowShown

    property var window

    function item(name) {
        const stack = findChild(window.contentItem, "stack")
        const found = (stack && stack.currentItem && findChild(stack.currentItem, name)) || findChild(window.contentItem, name)
        verify(found, "no item named " + name)
        return found
    }

    function currentPage() {
        return item("stack").currentItem
    }

    function waitForPage(name) {
        tryCompare(currentPage(), "objectName", name, 10000)
        tryCompare(item("stack"), "busy", false)
    }

    function tap(name) {
        const target = item(name)
        tryVerify(() => target.visible && target.enabled, 5000, name + " is not tappable")
        mouseClick(target)
    }

    function initTestCase() {
        TestEnv.resetApp()
        window = Qt.createComponent("qrc:/Floorwalk/Main.qml").createObject(null)
        verify(window)
        Session.signIn(TestEnv.serverUrl, TestEnv.organization, TestEnv.username, TestEnv.password)
        tryCompare(Session, "state", Session.SignedIn, 10000)
        tryVerify(() => !isNaN(Sync.lastSuccessfulSync.getTime()) && !Sync.busy, 10000)
        waitForPage("homePage")
    }

    function cleanupTestCase() {
        Language.language = ""
        window.destroy()
    }

    function test_1_languageSwitchesAtOnce() {
        tap("settingsButton")
        waitForPage("settingsPage")
        tap("languageFrench")
        tryCompare(Language, "effectiveLanguage", "fr")
        tryCompare(item("signOutButton"), "text", "Se déconnecter")
        tap("backButton")
        waitForPage("homePage")
        // Texts from QML and from C++ both follow.
        verify(item("syncStatusText").text.indexOf("Tout est envoyé") === 0, item("syncStatusText").text)
        compare(item("searchField").placeholderText, "Rechercher par nom")

        tap("settingsButton")
        waitForPage("settingsPage")
        tap("languageEnglish")
        tryCompare(item("signOutButton"), "text", "Sign out")
        tap("backButton")
        waitForPage("homePage")
        verify(item("syncStatusText").text.indexOf("Everything sent") === 0, item("syncStatusText").text)
    }

    function test_2_signOutAsksBeforeDiscarding() {
        // An observation recorded with the network off stays unsent.
        TestEnv.setNetworkUp(false)
        tap("observe_e4")
        waitForPage("observationPage")
        tap("chip_welcome_2")
        tap("saveObservationButton")
        waitForPage("homePage")
        compare(Session.unsentCount, 1)

        tap("settingsButton")
        waitForPage("settingsPage")
        tap("signOutButton")
        const dialog = item("confirmDiscardUnsent")
        tryCompare(dialog, "opened", true)
        verify(dialog.message.indexOf("1 change has not reached the server") >= 0, dialog.message)
        mouseClick(findChild(dialog, "confirmCancel"))
        tryCompare(dialog, "visible", false)
        compare(Session.state, Session.SignedIn)
        compare(Session.unsentCount, 1)

        tap("signOutButton")
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog, "confirmAccept"))
        tryCompare(Session, "state", Session.SignedOut)
        waitForPage("signInPage")
        compare(Session.unsentCount, 0)
        TestEnv.setNetworkUp(true)
    }
}
