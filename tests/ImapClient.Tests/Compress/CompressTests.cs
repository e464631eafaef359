using System.IO.Compression;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Compress;

/// <summary>COMPRESS=DEFLATE (RFC 4978) over the scripted server, which inflates what the client writes and deflates its replies.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CompressTests(Delivery delivery)
{
    [Test]
    public async Task After_the_OK_both_directions_are_deflated_including_bytes_sent_right_behind_the_OK()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        var compressing = imap.CompressAsync();
        var tag = await server.ExpectCommandAsync("COMPRESS DEFLATE");

        // The OK and the first compressed bytes arrive together: the client must not lose the latter.
        using var deflated = new MemoryStream();
        await using (var deflater = new DeflateStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            await deflater.WriteAsync(Encoding.ASCII.GetBytes("* 33 EXISTS\r\n"));
            await deflater.FlushAsync();
            var afterOk = deflated.ToArray();
            await SendAsync(server, [.. Encoding.ASCII.GetBytes($"{tag} OK DEFLATE active\r\n"), .. afterOk]);
            deflated.SetLength(0);

            Assert.That((await compressing.WaitAsync(Patience)).Text, Is.EqualTo("DEFLATE active"));
            Assert.That(imap.IsCompressed, Is.True);

            var noop = imap.NoopAsync();
            await using var inflater = new DeflateStream(server.FromClient.AsStream(leaveOpen: true), CompressionMode.Decompress);
            var line = await ReadLineAsync(inflater).WaitAsync(Patience);
            Assert.That(line, Does.EndWith(" NOOP\r\n"), "the command arrives compressed and whole after a sync flush");

            await deflater.WriteAsync(Encoding.ASCII.GetBytes($"{line.Split(' ')[0]} OK NOOP done\r\n"));
            await deflater.FlushAsync();
            await SendAsync(server, deflated.ToArray());
            Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP done"));
        }

        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(33u), "the EXISTS sent right behind the OK was read");
    }

    [Test]
    public async Task Without_the_capability_nothing_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1");

        Assert.That(await CatchAsync(imap.CompressAsync()), Is.TypeOf<NotSupportedException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_refusal_leaves_the_connection_uncompressed_and_usable()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        var compressing = imap.CompressAsync();
        var tag = await server.ExpectCommandAsync("COMPRESS DEFLATE");
        await server.SendAsync($"{tag} NO [COMPRESSIONACTIVE] already\r\n");

        var ex = await CatchAsync(compressing);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(ex!.Message, Does.Contain("already"));
        Assert.That(imap.IsCompressed, Is.False);
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    private async Task SendAsync(ScriptedServer server, byte[] bytes)
    {
        if (delivery == Delivery.Whole)
        {
            await server.ToClient.WriteAsync(bytes);
            return;
        }

        foreach (var b in bytes)
        {
            await server.ToClient.WriteAsync(new[] { b });
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException();
            }

            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
