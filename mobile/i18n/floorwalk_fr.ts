<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>ActivityDraft</name>
        <message>
            <source>This activity no longer exists.</source>
            <translation>Cette activité n’existe plus.</translation>
        </message>
        <message>
            <source>Choose the kind of activity.</source>
            <translation>Choisissez le type d’activité.</translation>
        </message>
        <message>
            <source>Choose at least one participant.</source>
            <translation>Choisissez au moins un participant.</translation>
        </message>
        <message>
            <source>The activity could not be saved on this phone: %1</source>
            <translation>L’activité n’a pas pu être enregistrée sur ce téléphone : %1</translation>
        </message>
        <message>
            <source>The activity could not be deleted: %1</source>
            <translation>L’activité n’a pas pu être supprimée : %1</translation>
        </message>
    </context>
    <context>
        <name>ActivityPage</name>
        <message>
            <source>Edit coaching activity</source>
            <translation>Modifier l’activité de coaching</translation>
        </message>
        <message>
            <source>Coaching activity</source>
            <translation>Activité de coaching</translation>
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
            <translation>Supprimer cette activité</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>One-to-one</source>
            <translation>Entretien individuel</translation>
        </message>
        <message>
            <source>Team briefing</source>
            <translation>Brief d’équipe</translation>
        </message>
        <message>
            <source>Challenge</source>
            <translation>Challenge</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Topic, what was agreed</source>
            <translation>Sujet, ce qui a été convenu</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Whole team</source>
            <translation>Toute l’équipe</translation>
        </message>
        <message>
            <source>Save activity</source>
            <translation>Enregistrer l’activité</translation>
        </message>
        <message>
            <source>Delete this activity?</source>
            <translation>Supprimer cette activité ?</translation>
        </message>
        <message>
            <source>It will be removed from this phone and, at the next sync, from the server.</source>
            <translation>Elle sera supprimée de ce téléphone puis, à la prochaine synchronisation, du serveur.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
    </context>
    <context>
        <name>AttentionDelegate</name>
        <message>
            <source>Team briefing</source>
            <translation>Brief d’équipe</translation>
        </message>
        <message>
            <source>Challenge</source>
            <translation>Challenge</translation>
        </message>
        <message>
            <source>One-to-one</source>
            <translation>Entretien individuel</translation>
        </message>
        <message>
            <source>Observation of %1</source>
            <translation>Observation de %1</translation>
        </message>
        <message>
            <source>an unknown employee</source>
            <translation>un collaborateur inconnu</translation>
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
            <translation>Conflit</translation>
        </message>
        <message>
            <source>Refused by the server</source>
            <translation>Refusé par le serveur</translation>
        </message>
        <message>
            <source>deletion</source>
            <translation>suppression</translation>
        </message>
        <message>
            <source>Fix</source>
            <translation>Corriger</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Garder la mienne</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Abandonner</translation>
        </message>
    </context>
    <context>
        <name>ConfirmDialog</name>
        <message>
            <source>Discard</source>
            <translation>Abandonner</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Team dashboard</source>
            <translation>Tableau de bord de l’équipe</translation>
        </message>
        <message>
            <source>%1 active employees · %2 observations and %3 coaching activities in the last %4 days</source>
            <translation>%1 collaborateurs actifs · %2 observations et %3 activités de coaching sur les %4 derniers jours</translation>
        </message>
        <message>
            <source>Transformation</source>
            <translation>Transformation</translation>
        </message>
        <message>
            <source>dimensions mastered</source>
            <translation>dimensions maîtrisées</translation>
        </message>
        <message>
            <source>Deployment</source>
            <translation>Déploiement</translation>
        </message>
        <message>
            <source>%1 of %2 accompanied</source>
            <translation>%1 sur %2 accompagnés</translation>
        </message>
        <message>
            <source>Coverage</source>
            <translation>Couverture</translation>
        </message>
        <message>
            <source>%1 assessed</source>
            <translation>%1 évalués</translation>
        </message>
        <message>
            <source>Mastery per dimension</source>
            <translation>Maîtrise par dimension</translation>
        </message>
        <message>
            <source>Share of assessed employees at level %1 or above, over the last %2 days.</source>
            <translation>Part des collaborateurs évalués au niveau %1 ou plus, sur les %2 derniers jours.</translation>
        </message>
        <message>
            <source>Learning curve</source>
            <translation>Courbe d’apprentissage</translation>
        </message>
        <message>
            <source>Due for a visit (%1)</source>
            <translation>À accompagner (%1)</translation>
        </message>
        <message>
            <source>Everyone was accompanied recently.</source>
            <translation>Tout le monde a été accompagné récemment.</translation>
        </message>
        <message>
            <source>never accompanied</source>
            <translation>jamais accompagné</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>il y a %n jour</numerusform>
                <numerusform>il y a %n jours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <source>Cannot create the folder %1.</source>
            <translation>Impossible de créer le dossier %1.</translation>
        </message>
        <message>
            <source>Cannot read the database version.</source>
            <translation>Impossible de lire la version de la base de données.</translation>
        </message>
        <message>
            <source>This database was written by a newer version of Floorwalk (schema %1, this app knows %2).</source>
            <translation>Cette base de données a été écrite par une version plus récente de Floorwalk (schéma %1, cette application connaît le %2).</translation>
        </message>
    </context>
    <context>
        <name>DimensionCard</name>
        <message>
            <source>Not observed</source>
            <translation>Non observé</translation>
        </message>
    </context>
    <context>
        <name>EmployeeDelegate</name>
        <message>
            <source>Due</source>
            <translation>À voir</translation>
        </message>
        <message>
            <source>%1 · never observed</source>
            <translation>%1 · jamais observé</translation>
        </message>
        <message>
            <source>%1 · observed %2</source>
            <translation>%1 · observé le %2</translation>
        </message>
        <message>
            <source>Observe %1</source>
            <translation>Observer %1</translation>
        </message>
    </context>
    <context>
        <name>EmployeePage</name>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>Log a coaching activity</source>
            <translation>Noter une activité de coaching</translation>
        </message>
        <message>
            <source>%1 of %2 dimensions mastered</source>
            <translation>%1 dimensions maîtrisées sur %2</translation>
        </message>
        <message>
            <source>No recent assessment</source>
            <translation>Pas d’évaluation récente</translation>
        </message>
        <message>
            <source>Never observed</source>
            <translation>Jamais observé</translation>
        </message>
        <message>
            <source>Last observed %1</source>
            <translation>Dernière observation : %1</translation>
        </message>
        <message>
            <source>Due · never</source>
            <translation>À voir · jamais</translation>
        </message>
        <message numerus="yes">
            <source>Due · %n day(s)</source>
            <translation>
                <numerusform>À voir · %n jour</numerusform>
                <numerusform>À voir · %n jours</numerusform>
            </translation>
        </message>
        <message>
            <source>Current level per dimension</source>
            <translation>Niveau actuel par dimension</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
        <message>
            <source>Dimensions mastered, week by week</source>
            <translation>Dimensions maîtrisées, semaine par semaine</translation>
        </message>
        <message>
            <source>Mastered</source>
            <translation>Maîtrisées</translation>
        </message>
        <message>
            <source>Observations (%1)</source>
            <translation>Observations (%1)</translation>
        </message>
        <message>
            <source>Observe</source>
            <translation>Observer</translation>
        </message>
    </context>
    <context>
        <name>EmployeePickerPage</name>
        <message>
            <source>Whom did you observe?</source>
            <translation>Qui avez-vous observé ?</translation>
        </message>
        <message>
            <source>Search by name</source>
            <translation>Rechercher par nom</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>À voir</translation>
        </message>
        <message>
            <source>Nobody matches</source>
            <translation>Personne ne correspond</translation>
        </message>
        <message>
            <source>Sync once with the network on to download your teams.</source>
            <translation>Synchronisez une fois avec le réseau pour télécharger vos équipes.</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>My teams</source>
            <translation>Mes équipes</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>Team dashboard</source>
            <translation>Tableau de bord de l’équipe</translation>
        </message>
        <message>
            <source>Needs attention</source>
            <translation>À traiter</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Réglages</translation>
        </message>
        <message>
            <source>Search by name</source>
            <translation>Rechercher par nom</translation>
        </message>
        <message>
            <source>Due · %1</source>
            <translation>À voir · %1</translation>
        </message>
        <message>
            <source>Release to sync</source>
            <translation>Relâchez pour synchroniser</translation>
        </message>
        <message>
            <source>Pull to sync</source>
            <translation>Tirez pour synchroniser</translation>
        </message>
        <message>
            <source>No employees yet</source>
            <translation>Pas encore de collaborateurs</translation>
        </message>
        <message>
            <source>Nobody matches</source>
            <translation>Personne ne correspond</translation>
        </message>
        <message>
            <source>Your teams appear here after the first sync. Pull down to sync now.</source>
            <translation>Vos équipes apparaissent ici après la première synchronisation. Tirez vers le bas pour synchroniser.</translation>
        </message>
        <message>
            <source>Try another name, or show everyone.</source>
            <translation>Essayez un autre nom, ou affichez tout le monde.</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveau</translation>
        </message>
        <message>
            <source>New observation</source>
            <translation>Nouvelle observation</translation>
        </message>
        <message>
            <source>Log a coaching activity</source>
            <translation>Noter une activité de coaching</translation>
        </message>
        <message>
            <source>No employees in your units</source>
            <translation>Aucun collaborateur dans vos unités</translation>
        </message>
        <message>
            <source>Ask your administrator to assign your store's employees to you.</source>
            <translation>Demandez à votre administrateur de vous rattacher les collaborateurs de votre magasin.</translation>
        </message>
    </context>
    <context>
        <name>LaunchOptions</name>
        <message>
            <source>Cannot read the password file %1: %2</source>
            <translation>Impossible de lire le fichier de mot de passe %1 : %2</translation>
        </message>
        <message>
            <source>The password file %1 is empty.</source>
            <translation>Le fichier de mot de passe %1 est vide.</translation>
        </message>
    </context>
    <context>
        <name>LevelChip</name>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Saved on this phone. It will be sent at the next sync.</source>
            <translation>Enregistrée sur ce téléphone. Elle sera envoyée à la prochaine synchronisation.</translation>
        </message>
        <message>
            <source>Saved on this phone.</source>
            <translation>Enregistrée sur ce téléphone.</translation>
        </message>
        <message>
            <source>Observation deleted.</source>
            <translation>Observation supprimée.</translation>
        </message>
        <message>
            <source>Coaching activity saved on this phone.</source>
            <translation>Activité de coaching enregistrée sur ce téléphone.</translation>
        </message>
        <message>
            <source>Coaching activity deleted.</source>
            <translation>Activité de coaching supprimée.</translation>
        </message>
    </context>
    <context>
        <name>MasteryBars</name>
        <message>
            <source>no data</source>
            <translation>pas de données</translation>
        </message>
        <message>
            <source>%1 · %2/%3</source>
            <translation>%1 · %2/%3</translation>
        </message>
    </context>
    <context>
        <name>NeedsAttentionPage</name>
        <message>
            <source>Needs attention</source>
            <translation>À traiter</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n enregistrement</numerusform>
                <numerusform>%n enregistrements</numerusform>
            </translation>
        </message>
        <message>
            <source>The server did not take these changes. Fix them and they are sent again, or discard them.</source>
            <translation>Le serveur n’a pas accepté ces modifications. Corrigez-les pour les renvoyer, ou abandonnez-les.</translation>
        </message>
        <message>
            <source>All clear</source>
            <translation>Rien à traiter</translation>
        </message>
        <message>
            <source>Every change you made was accepted by the server or is waiting to be sent.</source>
            <translation>Toutes vos modifications ont été acceptées par le serveur ou attendent d’être envoyées.</translation>
        </message>
        <message>
            <source>Discard this change?</source>
            <translation>Abandonner cette modification ?</translation>
        </message>
        <message>
            <source>Your change will be deleted from this phone for good. The server keeps its own version, if it has one.</source>
            <translation>Votre modification sera définitivement supprimée de ce téléphone. Le serveur garde sa propre version, s’il en a une.</translation>
        </message>
    </context>
    <context>
        <name>ObservationCard</name>
        <message>
            <source>Edit</source>
            <translation>Modifier</translation>
        </message>
        <message numerus="yes">
            <source>%n dimension(s) · by you</source>
            <translation>
                <numerusform>%n dimension · par vous</numerusform>
                <numerusform>%n dimensions · par vous</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dimension(s) · by another manager</source>
            <translation>
                <numerusform>%n dimension · par un autre manager</numerusform>
                <numerusform>%n dimensions · par un autre manager</numerusform>
            </translation>
        </message>
        <message>
            <source>Next: %1</source>
            <translation>Prochaine étape : %1</translation>
        </message>
    </context>
    <context>
        <name>ObservationDraft</name>
        <message>
            <source>This observation no longer exists.</source>
            <translation>Cette observation n’existe plus.</translation>
        </message>
        <message>
            <source>Nothing to save to.</source>
            <translation>Aucun stockage où enregistrer.</translation>
        </message>
        <message>
            <source>Only the manager who made this observation can change it.</source>
            <translation>Seul le manager auteur de cette observation peut la modifier.</translation>
        </message>
        <message>
            <source>The experience model has not been downloaded yet: sync once with the network on.</source>
            <translation>Le modèle d’expérience n’est pas encore téléchargé : synchronisez une fois avec le réseau.</translation>
        </message>
        <message>
            <source>Choose the employee you observed.</source>
            <translation>Choisissez le collaborateur observé.</translation>
        </message>
        <message>
            <source>Rate at least one dimension.</source>
            <translation>Évaluez au moins une dimension.</translation>
        </message>
        <message>
            <source>Comments are limited to %1 characters.</source>
            <translation>Les commentaires sont limités à %1 caractères.</translation>
        </message>
        <message>
            <source>The observation could not be saved on this phone: %1</source>
            <translation>L’observation n’a pas pu être enregistrée sur ce téléphone : %1</translation>
        </message>
        <message>
            <source>Only the manager who made this observation can delete it.</source>
            <translation>Seul le manager auteur de cette observation peut la supprimer.</translation>
        </message>
        <message>
            <source>The observation could not be deleted: %1</source>
            <translation>L’observation n’a pas pu être supprimée : %1</translation>
        </message>
    </context>
    <context>
        <name>ObservationPage</name>
        <message>
            <source>Edit observation</source>
            <translation>Modifier l’observation</translation>
        </message>
        <message>
            <source>New observation</source>
            <translation>Nouvelle observation</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>Delete this observation</source>
            <translation>Supprimer cette observation</translation>
        </message>
        <message>
            <source>Tap the level you saw for each dimension you observed. Leave the others as not observed.</source>
            <translation>Touchez le niveau constaté pour chaque dimension observée. Laissez les autres en « non observé ».</translation>
        </message>
        <message>
            <source>The experience model is not on this phone yet: sync once with the network on.</source>
            <translation>Le modèle d’expérience n’est pas encore sur ce téléphone : synchronisez une fois avec le réseau.</translation>
        </message>
        <message>
            <source>This observation was made by another manager: you can read it, not change it.</source>
            <translation>Cette observation a été faite par un autre manager : vous pouvez la lire, pas la modifier.</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Commentaire</translation>
        </message>
        <message>
            <source>What went well, what to work on</source>
            <translation>Ce qui a bien marché, ce qui est à travailler</translation>
        </message>
        <message>
            <source>Coaching action</source>
            <translation>Action de coaching</translation>
        </message>
        <message>
            <source>The one thing agreed for next time</source>
            <translation>La chose convenue pour la prochaine fois</translation>
        </message>
        <message numerus="yes">
            <source>Save · %n dimension(s) rated</source>
            <translation>
                <numerusform>Enregistrer · %n dimension évaluée</numerusform>
                <numerusform>Enregistrer · %n dimensions évaluées</numerusform>
            </translation>
        </message>
        <message>
            <source>Rate at least one dimension</source>
            <translation>Évaluez au moins une dimension</translation>
        </message>
        <message>
            <source>Delete this observation?</source>
            <translation>Supprimer cette observation ?</translation>
        </message>
        <message>
            <source>It will be removed from this phone and, at the next sync, from the server.</source>
            <translation>Elle sera supprimée de ce téléphone puis, à la prochaine synchronisation, du serveur.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
    </context>
    <context>
        <name>PageHeader</name>
        <message>
            <source>Back</source>
            <translation>Retour</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <source>Enter the server address, for example https://floorwalk.example.com.</source>
            <translation>Saisissez l’adresse du serveur, par exemple https://floorwalk.example.com.</translation>
        </message>
        <message>
            <source>Enter your organisation, username and password.</source>
            <translation>Saisissez votre organisation, votre identifiant et votre mot de passe.</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) by %1 have not been sent yet. Sign in as %1 to send them, or sign out and discard them first.</source>
            <translation>
                <numerusform>%n modification de %1 n’a pas encore été envoyée. Connectez-vous en tant que %1 pour l’envoyer, ou déconnectez-vous en l’abandonnant d’abord.</numerusform>
                <numerusform>%n modifications de %1 n’ont pas encore été envoyées. Connectez-vous en tant que %1 pour les envoyer, ou déconnectez-vous en les abandonnant d’abord.</numerusform>
            </translation>
        </message>
        <message>
            <source>Wrong organisation, username or password.</source>
            <translation>Organisation, identifiant ou mot de passe incorrect.</translation>
        </message>
        <message>
            <source>Too many failed attempts: wait a few minutes, then try again.</source>
            <translation>Trop de tentatives échouées : patientez quelques minutes, puis réessayez.</translation>
        </message>
        <message>
            <source>The server's answer could not be read. Is %1 a Floorwalk server?</source>
            <translation>La réponse du serveur est illisible. %1 est-il bien un serveur Floorwalk ?</translation>
        </message>
        <message>
            <source>Your session has ended. Enter your password to carry on; nothing on this phone is lost.</source>
            <translation>Votre session a expiré. Saisissez votre mot de passe pour continuer ; rien n’est perdu sur ce téléphone.</translation>
        </message>
        <message>
            <source>Cannot reach the server at %1.</source>
            <translation>Impossible de joindre le serveur %1.</translation>
        </message>
        <message>
            <source>The server at %1 did not answer in time.</source>
            <translation>Le serveur %1 n’a pas répondu à temps.</translation>
        </message>
        <message>
            <source>The secure connection to %1 failed: %2</source>
            <translation>La connexion sécurisée à %1 a échoué : %2</translation>
        </message>
        <message>
            <source>No connection to %1: %2</source>
            <translation>Pas de connexion à %1 : %2</translation>
        </message>
        <message>
            <source>The server refused: %1</source>
            <translation>Le serveur a refusé : %1</translation>
        </message>
        <message>
            <source>The server answered with an error (HTTP %1).</source>
            <translation>Le serveur a répondu par une erreur (HTTP %1).</translation>
        </message>
        <message>
            <source>%1 is not a secure address: your password and your teams' data would cross the network unencrypted. Use the server's https:// address. (For a test server on another machine, start the app with --allow-insecure-http.)</source>
            <translation>%1 n’est pas une adresse sécurisée : votre mot de passe et les données de vos équipes traverseraient le réseau sans chiffrement. Utilisez l’adresse https:// du serveur. (Pour un serveur de test sur une autre machine, lancez l’application avec --allow-insecure-http.)</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>Réglages</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Same as the phone</source>
            <translation>Comme le téléphone</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>En attente d’envoi</translation>
        </message>
        <message>
            <source>Needs attention</source>
            <translation>À traiter</translation>
        </message>
        <message>
            <source>Last successful sync</source>
            <translation>Dernière synchronisation réussie</translation>
        </message>
        <message>
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>Appareil</translation>
        </message>
        <message>
            <source>Session kept in</source>
            <translation>Session conservée dans</translation>
        </message>
        <message>
            <source>the phone's keychain</source>
            <translation>le trousseau du téléphone</translation>
        </message>
        <message>
            <source>a private file</source>
            <translation>un fichier privé</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Se déconnecter</translation>
        </message>
        <message>
            <source>Floorwalk %1</source>
            <translation>Floorwalk %1</translation>
        </message>
        <message>
            <source>Sign out?</source>
            <translation>Se déconnecter ?</translation>
        </message>
        <message>
            <source>The data of your teams will be removed from this phone.</source>
            <translation>Les données de vos équipes seront supprimées de ce téléphone.</translation>
        </message>
        <message>
            <source>Unsent changes</source>
            <translation>Modifications non envoyées</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) have not reached the server yet. Signing out now deletes them for good. Sync first if you can.</source>
            <translation>
                <numerusform>%n modification n’a pas encore atteint le serveur. Vous déconnecter maintenant la supprime définitivement. Synchronisez d’abord si vous le pouvez.</numerusform>
                <numerusform>%n modifications n’ont pas encore atteint le serveur. Vous déconnecter maintenant les supprime définitivement. Synchronisez d’abord si vous le pouvez.</numerusform>
            </translation>
        </message>
        <message>
            <source>Discard and sign out</source>
            <translation>Abandonner et se déconnecter</translation>
        </message>
    </context>
    <context>
        <name>SignInPage</name>
        <message>
            <source>Back</source>
            <translation>Retour</translation>
        </message>
        <message>
            <source>Observe, coach, and watch your teams grow.</source>
            <translation>Observez, coachez, et voyez vos équipes progresser.</translation>
        </message>
        <message>
            <source>Your session has ended. Enter your password to carry on; everything on this phone is kept.</source>
            <translation>Votre session a expiré. Saisissez votre mot de passe pour continuer ; tout est conservé sur ce téléphone.</translation>
        </message>
        <message>
            <source>Sign in with the account your organisation gave you.</source>
            <translation>Connectez-vous avec le compte fourni par votre organisation.</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Adresse du serveur</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Connexion…</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>Observations you record are kept on this phone and sent when a network is available.</source>
            <translation>Vos observations sont conservées sur ce téléphone et envoyées dès qu’un réseau est disponible.</translation>
        </message>
        <message>
            <source>Insecure connections allowed (--allow-insecure-http): with an http:// address, your password and your teams' data cross the network unencrypted.</source>
            <translation>Connexions non sécurisées autorisées (--allow-insecure-http) : avec une adresse http://, votre mot de passe et les données de vos équipes traversent le réseau sans chiffrement.</translation>
        </message>
    </context>
    <context>
        <name>StateBadge</name>
        <message>
            <source>Pending</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Needs attention</source>
            <translation>À traiter</translation>
        </message>
        <message>
            <source>Synced</source>
            <translation>Synchronisée</translation>
        </message>
    </context>
    <context>
        <name>SyncEngine</name>
        <message numerus="yes">
            <source>%n record(s) missing from the answer</source>
            <translation>
                <numerusform>%n enregistrement absent de la réponse</numerusform>
                <numerusform>%n enregistrements absents de la réponse</numerusform>
            </translation>
        </message>
        <message>
            <source>This record is too large for the server; shorten its texts.</source>
            <translation>Cet enregistrement est trop volumineux pour le serveur ; raccourcissez ses textes.</translation>
        </message>
        <message>
            <source>the server keeps asking for a full reload</source>
            <translation>le serveur redemande sans cesse un rechargement complet</translation>
        </message>
        <message>
            <source>Next try at %1.</source>
            <translation>Prochain essai à %1.</translation>
        </message>
        <message>
            <source>No network. Your changes are safe on this phone and will be sent when the network is back.</source>
            <translation>Pas de réseau. Vos modifications sont en sécurité sur ce téléphone et seront envoyées au retour du réseau.</translation>
        </message>
        <message>
            <source>Cannot reach the server. Your changes are safe on this phone. %1</source>
            <translation>Serveur injoignable. Vos modifications sont en sécurité sur ce téléphone. %1</translation>
        </message>
        <message>
            <source>The server has a problem (HTTP %1). %2</source>
            <translation>Le serveur rencontre un problème (HTTP %1). %2</translation>
        </message>
        <message>
            <source>Your session has ended: sign in again to send your changes.</source>
            <translation>Votre session a expiré : reconnectez-vous pour envoyer vos modifications.</translation>
        </message>
        <message>
            <source>The server is busy and asked us to wait. %1</source>
            <translation>Le serveur est occupé et demande de patienter. %1</translation>
        </message>
        <message>
            <source>The server refused the sync: %1. %2</source>
            <translation>Le serveur a refusé la synchronisation : %1. %2</translation>
        </message>
        <message>
            <source>The server's answer could not be read. %1</source>
            <translation>La réponse du serveur est illisible. %1</translation>
        </message>
        <message>
            <source>This phone could not store the data it received: %1</source>
            <translation>Ce téléphone n’a pas pu enregistrer les données reçues : %1</translation>
        </message>
        <message numerus="yes">
            <source>Sending %n change(s)…</source>
            <translation>
                <numerusform>Envoi de %n modification…</numerusform>
                <numerusform>Envoi de %n modifications…</numerusform>
            </translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent</source>
            <translation>
                <numerusform>%n modification en attente d’envoi</numerusform>
                <numerusform>%n modifications en attente d’envoi</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 · last sync %2</source>
            <translation>%1 · dernière synchro %2</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Pas encore synchronisé</translation>
        </message>
        <message>
            <source>Everything sent · last sync %1</source>
            <translation>Tout est envoyé · dernière synchro %1</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusBar</name>
        <message>
            <source>Sync</source>
            <translation>Synchroniser</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>Your session has ended: sign in again to send your changes.</source>
            <translation>Votre session a expiré : reconnectez-vous pour envoyer vos modifications.</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) need your attention</source>
            <translation>
                <numerusform>%n enregistrement à traiter</numerusform>
                <numerusform>%n enregistrements à traiter</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Theme</name>
        <message>
            <source>%1%</source>
            <translation>%1 %</translation>
        </message>
    </context>
</TS>
