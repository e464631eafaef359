using System.Text;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// Against Dovecot: a STORE and a FETCH awaited inside <c>await foreach</c> over a streaming fetch of 100 messages of
/// 1 MB complete, the bodies arrive byte for byte, and what is set aside to get there stays out of memory.
/// </summary>
public class CommandsInsideStreamingIntegrationTests : DovecotTests
{
    private const int Messages = 100;
    private const int MessageSize = 1024 * 1024;

    [Test]
    public async Task A_STORE_and_a_FETCH_inside_the_loop_of_100_messages_of_1_MB()
    {
        var contents = Enumerable.Range(1, Messages).Select(MessageBytes).ToList();
        var mailbox = "T" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        DovecotFixture.Server.SeedMessages("testuser", mailbox, contents.Select((c, i) => new SeedMessage(c, start.AddMinutes(i))));
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.SelectAsync(mailbox);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long grewMost = 0;
        var results = new List<(uint Uid, bool Stored, bool FetchedSeen, long? Size, bool BodyExact)>();
        var buffer = new byte[64 * 1024];
        await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Parse("1:*"), new FetchRequest(FetchItems.Uid).AddBodySection("")))
        {
            var uid = body.Message.Uid!.Value;

            // Awaited before the body is read: their answers are behind this body and all the others.
            var stored = await imap.UidStoreAsync(SequenceSet.Single(uid), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
            var fetched = (await imap.UidFetchAsync(SequenceSet.Single(uid), new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.Size))).Single();

            var expected = contents[(int)uid - 1];
            var offset = 0;
            var exact = true;
            int n;
            while ((n = await body.Content.ReadAsync(buffer)) > 0)
            {
                exact &= offset + n <= expected.Length && buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan(offset, n));
                offset += n;
            }

            results.Add((uid, stored.Single().Flags!.Contains(SystemFlags.Seen), fetched.Flags!.Contains(SystemFlags.Seen), fetched.Size, exact && offset == expected.Length));
            grewMost = Math.Max(grewMost, GC.GetTotalMemory(forceFullCollection: false) - baseline);
        }

        Assert.That(results.Select(r => r.Uid), Is.EqualTo(Enumerable.Range(1, Messages).Select(i => (uint)i)));
        Assert.That(results.Where(r => !r.Stored || !r.FetchedSeen).Select(r => r.Uid), Is.Empty, "every message flagged, and the FETCH saw it");
        Assert.That(results.Where(r => r.Size != MessageSize).Select(r => r.Uid), Is.Empty, "the FETCH inside the loop gave each message's size");
        Assert.That(results.Where(r => !r.BodyExact).Select(r => r.Uid), Is.Empty, "every body byte for byte");

        // Deterministic: what was held in memory of the set-aside bodies, and what went to files instead.
        Assert.That(imap.Spooling.Peak, Is.LessThanOrEqualTo(1024 * 1024), "at most 1 MiB of set-aside bodies in memory");
        Assert.That(imap.Spooling.FileBytes, Is.GreaterThan(90L * MessageSize), "the rest of the 100 MB went to temporary files");

        // And the heap as a whole (GC.GetTotalMemory without a collection overstates it): far below the 100 MB streamed.
        Assert.That(grewMost, Is.LessThan(40L * 1024 * 1024));
    }

    /// <summary>1 MiB exactly: a header, then lines that name the message and the line, so a byte out of place shows.</summary>
    private static byte[] MessageBytes(int i)
    {
        var text = new StringBuilder(MessageSize + 100);
        text.Append($"From: Sender {i} <sender{i}@example.org>\r\nTo: testuser@example.org\r\nSubject: Big {i}\r\n");
        text.Append($"Message-Id: <big{i}@example.org>\r\n\r\n");
        for (var line = 0; text.Length < MessageSize; line++)
        {
            text.Append($"message {i:000} line {line:000000} ").Append('x', 50).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        Array.Resize(ref bytes, MessageSize);
        bytes[^2] = (byte)'\r';
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
