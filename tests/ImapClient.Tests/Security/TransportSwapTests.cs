using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>
/// STARTTLS and COMPRESS change the transport by one mechanism: a command abandoned once it is on the wire breaks the
/// connection, and the error names which of the two it was.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class TransportSwapTests(Delivery delivery)
{
    [Test]
    public async Task STARTTLS_cancelled_after_it_was_sent_breaks_the_connection_and_says_so()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        using var cts = new CancellationTokenSource();
        var upgrade = imap.StartTlsForTestAsync(cts.Token);
        await server.ExpectCommandAsync("STARTTLS");
        await cts.CancelAsync();
        Assert.That(await CatchAsync(upgrade), Is.InstanceOf<OperationCanceledException>());

        var ex = await CatchAsync(imap.NoopAsync());
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.StartWith("STARTTLS was abandoned after it was sent:"));
        Assert.That(imap.IsEncrypted, Is.False);
    }

    [Test]
    public async Task COMPRESS_cancelled_after_it_was_sent_breaks_the_connection_and_says_so()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        using var cts = new CancellationTokenSource();
        var compressing = imap.CompressAsync(cts.Token);
        await server.ExpectCommandAsync("COMPRESS DEFLATE");
        await cts.CancelAsync();
        Assert.That(await CatchAsync(compressing), Is.InstanceOf<OperationCanceledException>());

        var ex = await CatchAsync(imap.NoopAsync());
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.StartWith("COMPRESS was abandoned after it was sent:"));
        Assert.That(imap.IsCompressed, Is.False);
    }

    [Test]
    public async Task After_COMPRESS_the_client_reads_on_and_a_later_LOGOUT_ends_with_the_servers_BYE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        var refused = imap.CompressAsync();
        var tag = await server.ExpectCommandAsync("COMPRESS DEFLATE");
        await server.SendAsync($"{tag} NO [COMPRESSIONACTIVE] not today\r\n");
        Assert.That(await CatchAsync(refused), Is.TypeOf<ImapCommandException>());

        // A refused swap leaves the one reader running: LOGOUT's BYE is expected and its OK completes it.
        var logout = imap.LogoutAsync();
        var logoutTag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE see you\r\n{logoutTag} OK LOGOUT done\r\n");
        await logout.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }
}
