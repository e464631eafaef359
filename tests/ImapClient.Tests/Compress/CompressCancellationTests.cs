using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Compress;

/// <summary>COMPRESS cancelled once sent: the connection breaks rather than going on out of step with the server.</summary>
[NonParallelizable]
public class CompressCancellationTests
{
    [Test]
    public async Task COMPRESS_cancelled_after_it_was_sent_breaks_the_connection_rather_than_desync_it()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        using var cts = new CancellationTokenSource();
        var compressing = imap.CompressAsync(cts.Token);
        var tag = await server.ExpectCommandAsync("COMPRESS DEFLATE");
        await cts.CancelAsync();
        Assert.That(await CatchAsync(compressing), Is.InstanceOf<OperationCanceledException>());
        await server.SendAsync($"{tag} OK DEFLATE active\r\n");
        await Task.Delay(200);

        // The client now writes uncompressed while the server inflates, and nobody reads: the next command hangs.
        var noop = imap.NoopAsync();
        var line = server.ReadLineAsync();
        if (await Task.WhenAny(line, Task.Delay(500)) == line && line.IsCompletedSuccessfully)
        {
            await server.SendAsync($"{SplitTag(line.Result).Tag} OK done\r\n");
        }

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>(), $"got {ex?.GetType().Name}: {ex?.Message}; compressed={imap.IsCompressed}");
    }
}
