namespace ImapClient.TestServer;

/// <summary>Which Unix accounts the instance's processes and mail files use.</summary>
internal sealed record DovecotIdentity(
    bool Rootless, string LoginUser, string InternalUser, string InternalGroup, UnixAccount Mail)
{
    public static DovecotIdentity ForCurrentProcess()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            // Without root Dovecot cannot switch users, so every process runs as the caller.
            var me = UnixAccounts.Current();
            return new DovecotIdentity(true, me.Name, me.Name, me.GroupName, me);
        }

        // Dovecot refuses root for imap-login and for mail access; the Debian package's own accounts are preferred,
        // nobody keeps a root install without them working.
        var nobody = UnixAccounts.Require("nobody");
        var login = UnixAccounts.Find("dovenull") ?? nobody;
        var internalUser = UnixAccounts.Find("dovecot") ?? nobody;
        return new DovecotIdentity(false, login.Name, internalUser.Name, internalUser.GroupName, nobody);
    }
}
