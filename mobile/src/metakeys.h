// Keys of the local database's meta table, in one place so that no two components spell one differently.
#pragma once

#include <QLatin1String>

namespace MetaKey {

inline constexpr QLatin1String cursor("cursor");                    // the pull cursor after the last applied page
inline constexpr QLatin1String pulledOnce("pulled_once");           // "1" once a full pull has completed
inline constexpr QLatin1String lastSyncAt("last_sync_at");          // ms since epoch of the last successful sync
inline constexpr QLatin1String settings("settings");                // OrgSettings as JSON
inline constexpr QLatin1String deviceId("device_id");               // generated once, kept across sign-outs
inline constexpr QLatin1String serverUrl("server_url");             // the signed-in identity...
inline constexpr QLatin1String organization("organization");
inline constexpr QLatin1String username("username");
inline constexpr QLatin1String user("user");                        // UserInfo as JSON
inline constexpr QLatin1String organizationName("organization_name");
inline constexpr QLatin1String language("language");                // "", "fr" or "en"
inline constexpr QLatin1String pendingLogouts("pending_logouts");   // unconfirmed sign-outs: [{id, server}] as JSON
                                                                    // (their tokens are in the vault)

}  // namespace MetaKey
