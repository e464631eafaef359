using ImapClient.TestServer;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Opens library connections to the test Dovecot.</summary>
internal static class IntegrationConnections
{
    public static ImapConnectionOptions Options(DovecotServer server) => new()
    {
        CommandTimeout = TimeSpan.FromSeconds(30),

        // Pin the harness's self-signed certificate rather than switching validation off.
        ServerCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == server.Certificate.GetCertHashString(),
    };

    public static Task<ImapConnection> ConnectAsync(ImapSecurity security = ImapSecurity.None, bool allowPlaintext = true)
    {
        var server = DovecotFixture.Server;
        var port = security == ImapSecurity.ImplicitTls ? server.TlsPort : server.Port;
        var options = Options(server);
        options.AllowPlaintextAuthentication = allowPlaintext;
        return ImapConnection.ConnectAsync(server.Host, port, security, options);
    }

    /// <summary>Connects and signs in with LOGIN; these tests are not about transport security, so plaintext is allowed.</summary>
    public static async Task<ImapConnection> LoginAsync(string user, ImapSecurity security = ImapSecurity.None)
    {
        var imap = await ConnectAsync(security, allowPlaintext: true);
        await imap.LoginAsync(user, DovecotFixture.Server.Users[user]);
        return imap;
    }

    /// <summary>Seeds a fresh mailbox of testuser, so tests that change flags do not disturb each other.</summary>
    public static string SeedMailbox(int count)
    {
        var name = "T" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var messages = Enumerable.Range(1, count).Select(i => new SeedMessage(
            System.Text.Encoding.ASCII.GetBytes(
                $"From: Sender {i} <sender{i}@example.org>\r\nTo: testuser@example.org\r\nSubject: Message {i}\r\n" +
                $"Date: Fri, 1 Mar 2024 09:{i % 60:00}:00 +0000\r\nMessage-Id: <m{i}@example.org>\r\n\r\nBody of message {i}.\r\n"),
            start.AddMinutes(i))).ToList();
        DovecotFixture.Server.SeedMessages("testuser", name, messages);
        return name;
    }
}
