<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ActivityDraft</name>
        <message>
            <source>This activity no longer exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the kind of activity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose at least one participant.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The activity could not be saved on this phone: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The activity could not be deleted: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ActivityPage</name>
        <message>
            <source>Edit coaching activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coaching activity</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n participant(s)</source>
            <translation>
                <numerusform>%n participant</numerusform>
                <numerusform>%n participants</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete this activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One-to-one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Challenge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Topic, what was agreed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Participants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whole team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete this activity?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be removed from this phone and, at the next sync, from the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttentionDelegate</name>
        <message>
            <source>Team briefing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Challenge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One-to-one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observation of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>an unknown employee</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 · %n participant(s)</source>
            <translation>
                <numerusform>%1 · %n participant</numerusform>
                <numerusform>%1 · %n participants</numerusform>
            </translation>
        </message>
        <message>
            <source>Conflict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused by the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>deletion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConfirmDialog</name>
        <message>
            <source>Discard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Team dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 active employees · %2 observations and %3 coaching activities in the last %4 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transformation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>dimensions mastered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deployment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 accompanied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coverage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mastery per dimension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of assessed employees at level %1 or above, over the last %2 days.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Learning curve</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due for a visit (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everyone was accompanied recently.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never accompanied</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <source>Cannot create the folder %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read the database version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database was written by a newer version of Floorwalk (schema %1, this app knows %2).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DimensionCard</name>
        <message>
            <source>Not observed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EmployeeDelegate</name>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · never observed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · observed %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observe %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EmployeePage</name>
        <message>
            <source>%1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log a coaching activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 dimensions mastered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No recent assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never observed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last observed %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due · never</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Due · %n day(s)</source>
            <translation>
                <numerusform>Due · %n day</numerusform>
                <numerusform>Due · %n days</numerusform>
            </translation>
        </message>
        <message>
            <source>Current level per dimension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>—</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dimensions mastered, week by week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mastered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observations (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observe</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EmployeePickerPage</name>
        <message>
            <source>Whom did you observe?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search by name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody matches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync once with the network on to download your teams.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>My teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search by name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due · %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Release to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pull to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No employees yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nobody matches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your teams appear here after the first sync. Pull down to sync now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try another name, or show everyone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New observation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log a coaching activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No employees in your units</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask your administrator to assign your store's employees to you.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LaunchOptions</name>
        <message>
            <source>Cannot read the password file %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The password file %1 is empty.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LevelChip</name>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Saved on this phone. It will be sent at the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved on this phone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observation deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coaching activity saved on this phone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coaching activity deleted.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MasteryBars</name>
        <message>
            <source>no data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2/%3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NeedsAttentionPage</name>
        <message>
            <source>Needs attention</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n record</numerusform>
                <numerusform>%n records</numerusform>
            </translation>
        </message>
        <message>
            <source>The server did not take these changes. Fix them and they are sent again, or discard them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All clear</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every change you made was accepted by the server or is waiting to be sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard this change?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your change will be deleted from this phone for good. The server keeps its own version, if it has one.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ObservationCard</name>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n dimension(s) · by you</source>
            <translation>
                <numerusform>%n dimension · by you</numerusform>
                <numerusform>%n dimensions · by you</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dimension(s) · by another manager</source>
            <translation>
                <numerusform>%n dimension · by another manager</numerusform>
                <numerusform>%n dimensions · by another manager</numerusform>
            </translation>
        </message>
        <message>
            <source>Next: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ObservationDraft</name>
        <message>
            <source>This observation no longer exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to save to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the manager who made this observation can change it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The experience model has not been downloaded yet: sync once with the network on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the employee you observed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rate at least one dimension.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Comments are limited to %1 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The observation could not be saved on this phone: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the manager who made this observation can delete it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The observation could not be deleted: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ObservationPage</name>
        <message>
            <source>Edit observation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New observation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete this observation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tap the level you saw for each dimension you observed. Leave the others as not observed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The experience model is not on this phone yet: sync once with the network on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This observation was made by another manager: you can read it, not change it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Comment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What went well, what to work on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coaching action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The one thing agreed for next time</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Save · %n dimension(s) rated</source>
            <translation>
                <numerusform>Save · %n dimension rated</numerusform>
                <numerusform>Save · %n dimensions rated</numerusform>
            </translation>
        </message>
        <message>
            <source>Rate at least one dimension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete this observation?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be removed from this phone and, at the next sync, from the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PageHeader</name>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <source>Enter the server address, for example https://floorwalk.example.com.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your organisation, username and password.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) by %1 have not been sent yet. Sign in as %1 to send them, or sign out and discard them first.</source>
            <translation>
                <numerusform>%n change by %1 has not been sent yet. Sign in as %1 to send it, or sign out and discard it first.</numerusform>
                <numerusform>%n changes by %1 have not been sent yet. Sign in as %1 to send them, or sign out and discard them first.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong organisation, username or password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Too many failed attempts: wait a few minutes, then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's answer could not be read. Is %1 a Floorwalk server?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your session has ended. Enter your password to carry on; nothing on this phone is lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot reach the server at %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server at %1 did not answer in time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The secure connection to %1 failed: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No connection to %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server answered with an error (HTTP %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a secure address: your password and your teams' data would cross the network unencrypted. Use the server's https:// address. (For a test server on another machine, start the app with --allow-insecure-http.)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same as the phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last successful sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Username</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Session kept in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the phone's keychain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a private file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Floorwalk %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign out?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The data of your teams will be removed from this phone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsent changes</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) have not reached the server yet. Signing out now deletes them for good. Sync first if you can.</source>
            <translation>
                <numerusform>%n change has not reached the server yet. Signing out now deletes it for good. Sync first if you can.</numerusform>
                <numerusform>%n changes have not reached the server yet. Signing out now deletes them for good. Sync first if you can.</numerusform>
            </translation>
        </message>
        <message>
            <source>Discard and sign out</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignInPage</name>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observe, coach, and watch your teams grow.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your session has ended. Enter your password to carry on; everything on this phone is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with the account your organisation gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Username</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Observations you record are kept on this phone and sent when a network is available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Insecure connections allowed (--allow-insecure-http): with an http:// address, your password and your teams' data cross the network unencrypted.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StateBadge</name>
        <message>
            <source>Pending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synced</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncEngine</name>
        <message numerus="yes">
            <source>%n record(s) missing from the answer</source>
            <translation>
                <numerusform>%n record missing from the answer</numerusform>
                <numerusform>%n records missing from the answer</numerusform>
            </translation>
        </message>
        <message>
            <source>This record is too large for the server; shorten its texts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server keeps asking for a full reload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next try at %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No network. Your changes are safe on this phone and will be sent when the network is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot reach the server. Your changes are safe on this phone. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server has a problem (HTTP %1). %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your session has ended: sign in again to send your changes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server is busy and asked us to wait. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the sync: %1. %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's answer could not be read. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This phone could not store the data it received: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Sending %n change(s)…</source>
            <translation>
                <numerusform>Sending %n change…</numerusform>
                <numerusform>Sending %n changes…</numerusform>
            </translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent</source>
            <translation>
                <numerusform>%n change waiting to be sent</numerusform>
                <numerusform>%n changes waiting to be sent</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 · last sync %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything sent · last sync %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>Sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your session has ended: sign in again to send your changes.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n record(s) need your attention</source>
            <translation>
                <numerusform>%n record needs your attention</numerusform>
                <numerusform>%n records need your attention</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Theme</name>
        <message>
            <source>%1%</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
