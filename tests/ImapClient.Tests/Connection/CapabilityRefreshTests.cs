using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Servers offer more once a user is signed in: a sign-in whose OK lists no capabilities makes the next check ask again.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CapabilityRefreshTests(Delivery delivery)
{
    [Test]
    public async Task After_a_sign_in_without_capabilities_the_next_extension_check_asks_the_server_again()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        var login = imap.LoginAsync("ann", "pw");
        await server.SendAsync($"{await server.ExpectCommandAsync("LOGIN ann pw")} OK signed in\r\n");
        await login.WaitAsync(Patience);

        // Before sign-in there was no IDLE; asked again, the server has it, so IDLE is used rather than polling.
        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(done.Token);
        var tag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 IDLE\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");
        await done.CancelAsync();
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK done\r\n");
        await idling.WaitAsync(Patience);
        Assert.That(imap.Capabilities.Idle, Is.True);
    }

    [Test]
    public async Task A_sign_in_whose_OK_lists_capabilities_is_trusted_without_asking()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        var login = imap.LoginAsync("ann", "pw");
        await server.SendAsync($"{await server.ExpectCommandAsync("LOGIN ann pw")} OK [CAPABILITY IMAP4rev1 IDLE] signed in\r\n");
        await login.WaitAsync(Patience);

        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(done.Token);
        var tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");
        await done.CancelAsync();
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK done\r\n");
        await idling.WaitAsync(Patience);
    }
}
