using System.Text;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Compress;

/// <summary>COMPRESS=DEFLATE against Dovecot's imap_zlib: everything works the same, compressed.</summary>
public class CompressIntegrationTests : DovecotTests
{
    [Test]
    public async Task A_compressed_connection_fetches_what_a_plain_one_does_and_appends_and_idles()
    {
        var mailbox = IntegrationConnections.SeedMailbox(40);
        await using var plain = await IntegrationConnections.LoginAsync("testuser");
        await using var compressed = await IntegrationConnections.LoginAsync("testuser");
        Assert.That(compressed.Capabilities.Contains("COMPRESS=DEFLATE"), Is.True, "the private Dovecot loads imap_zlib");

        await compressed.CompressAsync();
        Assert.That(compressed.IsCompressed, Is.True);
        await plain.SelectAsync(mailbox);
        await compressed.SelectAsync(mailbox);

        var request = new FetchRequest(FetchItems.Uid | FetchItems.Envelope | FetchItems.BodyStructure | FetchItems.Size).AddBodySection("");
        var expected = await plain.FetchAsync(SequenceSet.Range(1, 40), request);
        var actual = await compressed.FetchAsync(SequenceSet.Range(1, 40), request);
        Assert.That(actual.Select(Describe), Is.EqualTo(expected.Select(Describe)));

        var appended = await compressed.AppendAsync(mailbox, new MemoryStream(Encoding.ASCII.GetBytes("Subject: squeezed\r\n\r\n" + new string('z', 50_000) + "\r\n")));
        var fetched = await compressed.UidFetchAsync(SequenceSet.Single(appended.Uid!.Value), new FetchRequest(FetchItems.Envelope));
        Assert.That(fetched.Single().Envelope!.Subject, Is.EqualTo("squeezed"));

        // Ended once the server's "+" came back through the decompressor, so DONE is surely sent (a timer could end
        // the IDLE before it began on a slow machine).
        using var done = new CancellationTokenSource();
        compressed.ContinuationRequested += (_, _) => done.Cancel();
        await compressed.IdleAsync(done.Token).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That((await compressed.NoopAsync()).Status, Is.EqualTo(ImapStatus.Ok), "IDLE's DONE went through the compressor");
    }

    private static string Describe(FetchedMessage m) =>
        $"{m.Uid} {m.Size} {m.Envelope!.Subject} {m.BodyStructure!.ContentType.MimeType} {Convert.ToHexString(m.GetSection("")!.Value.Span[..64])}";
}
