using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// The items a FETCH response carries beside a streamed body (MODSEQ, FLAGS, UID …, before or after it) reach the
/// mailbox state on every path, exactly as they do when the same bytes answer a buffered UID FETCH.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class StreamedFetchItemsTests(Delivery delivery)
{
    private const string Message = "Subject: hi\r\n\r\nbody\r\n";

    /// <summary>The server's answer to UID 1 (issue 15's shape): MODSEQ and FLAGS before the body.</summary>
    private static string Answer(string tag) =>
        $"* 1 FETCH (UID 1 MODSEQ (29233) FLAGS (\\Seen) BODY[] {{{Message.Length}}}\r\n{Message})\r\n{tag} OK FETCH completed\r\n";

    public enum Path
    {
        UidFetch,
        GetMessage,
        Download,
        UidFetchStream,
    }

    [TestCase(Path.UidFetch)]
    [TestCase(Path.GetMessage)]
    [TestCase(Path.Download)]
    [TestCase(Path.UidFetchStream)]
    public async Task A_MODSEQ_before_the_body_moves_HIGHESTMODSEQ(Path path)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await SelectWithModSeqAsync(server);
        var request = new FetchRequest(FetchItems.Uid).AddBodySection("");
        var fetching = path switch
        {
            Path.UidFetch => Task.Run(async () => Encoding.ASCII.GetString((await imap.UidFetchAsync(SequenceSet.Single(1), request)).Single().GetSection("")!.Value.Span)),
            Path.GetMessage => Task.Run(async () => (await imap.GetMessageAsync(1)).Subject ?? ""),
            Path.Download => Task.Run(async () =>
            {
                using var file = new MemoryStream();
                await imap.DownloadAsync(1, file);
                return Encoding.ASCII.GetString(file.ToArray());
            }),
            _ => Task.Run(async () =>
            {
                var text = "";
                await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(1), request))
                {
                    using var reader = new StreamReader(body.Content, Encoding.ASCII);
                    text = await reader.ReadToEndAsync();
                }

                return text;
            }),
        };

        var tag = await server.ExpectCommandAsync("UID FETCH 1 (UID BODY.PEEK[])");
        await server.SendAsync(Answer(tag));
        Assert.That(await fetching.WaitAsync(Patience), Is.EqualTo(path == Path.GetMessage ? "hi" : Message));
        Assert.That(imap.SelectedMailbox!.HighestModSeq, Is.EqualTo(29233UL));
    }

    [Test]
    public async Task Items_on_both_sides_of_a_streamed_body_reach_the_state_and_the_message()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await SelectWithModSeqAsync(server);
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.ModSeq).AddBodySection("");
        var streaming = Task.Run(async () =>
        {
            var seen = new List<(ulong? ModSeqWhileOpen, ulong? HighestWhileOpen)>();
            FetchedMessage? last = null;
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Parse("1:2"), request))
            {
                seen.Add((body.Message.ModSeq, imap.SelectedMailbox!.HighestModSeq));
                await body.Content.CopyToAsync(Stream.Null);
                last = body.Message;
            }

            return (seen, last!);
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID FLAGS MODSEQ BODY.PEEK[])");
        await server.SendAsync(
            $"* 1 FETCH (UID 1 MODSEQ (29100) BODY[] {{{Message.Length}}}\r\n{Message} FLAGS (\\Seen))\r\n"
            + $"* 2 FETCH (UID 2 BODY[] {{{Message.Length}}}\r\n{Message} MODSEQ (29300) FLAGS ())\r\n{tag} OK done\r\n");
        var (seen, last) = await streaming.WaitAsync(Patience);

        // Before the body: applied before it is handed over. After it: by the time the enumeration moved on (or
        // sooner, when the reader loop got there before the caller looked; it reads the small second body ahead
        // while the caller has the first, so the second message's MODSEQ may be in the state already).
        Assert.That(seen[0].ModSeqWhileOpen, Is.EqualTo(29100UL));
        Assert.That(seen[0].HighestWhileOpen, Is.EqualTo(29100UL).Or.EqualTo(29300UL));
        Assert.That((last.ModSeq, last.Flags!.System), Is.EqualTo(((ulong?)29300, SystemFlags.None)));
        Assert.That(imap.SelectedMailbox!.HighestModSeq, Is.EqualTo(29300UL));
    }

    [Test]
    public async Task A_FETCH_for_the_message_that_took_a_streamed_ones_number_after_an_expunge_is_not_merged_into_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await SelectWithModSeqAsync(server);
        var flagsChanged = new EventQueue<FlagsChangedEventArgs>();
        imap.FlagsChanged += flagsChanged.Handler;
        var streaming = Task.Run(async () =>
        {
            FetchedMessage? streamed = null;
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Parse("1:2"), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                await body.Content.CopyToAsync(Stream.Null);
                streamed = body.Message;
            }

            return streamed!;
        });

        // UID 1 is streamed as message 1, then expunged: UID 2 becomes message 1, and another client flags it.
        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        await server.SendAsync(
            $"* 1 FETCH (UID 1 BODY[] {{{Message.Length}}}\r\n{Message})\r\n* 1 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Flagged))\r\n{tag} OK done\r\n");
        var streamed = await streaming.WaitAsync(Patience);

        Assert.That((streamed.Uid, streamed.Flags), Is.EqualTo(((uint?)1, (MessageFlags?)null)), "UID 1 is not given UID 2's flags");
        var changed = await flagsChanged.NextAsync();
        Assert.That((changed.SequenceNumber, changed.Flags.System), Is.EqualTo((1u, SystemFlags.Flagged)));
    }

    private static async Task<ImapConnection> SelectWithModSeqAsync(ScriptedServer server)
    {
        var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 CONDSTORE] ready\r\n");
        var selecting = imap.SelectAsync("INBOX", new SelectOptions { Condstore = true });
        var tag = await server.ExpectCommandAsync("SELECT INBOX (CONDSTORE)");
        await server.SendAsync($"* 2 EXISTS\r\n* OK [HIGHESTMODSEQ 29000] Highest\r\n{tag} OK [READ-WRITE] done\r\n");
        await selecting.WaitAsync(Patience);
        return imap;
    }
}
