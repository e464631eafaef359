using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>A streamed body the caller has not read yet: bounded read-ahead, a dispose that does not wait for it, the items after it.</summary>
[TestFixture]
public class UnreadStreamedBodyTests
{
    private static async Task<bool> FinishesWithin(Task task, TimeSpan time) =>
        await Task.WhenAny(task, Task.Delay(time)) == task;

    // The defect this guards: bodies smaller than the per-body pipe are read ahead without limit. Since commands awaited inside a
    // streaming loop complete (CommandsInsideStreamingTests), a command behind the bodies makes the reader go on, but
    // what it reads past the unread body is set aside within 1 MiB of memory, the rest in a temporary file. Without
    // such a command it reads small bodies ahead (so parsing one overlaps the transfer of the next) within 1 MiB.
    [Test]
    public async Task FetchStream_reads_past_an_unread_body_only_within_bounded_memory()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.FetchStreamAsync(SequenceSet.Range(1, 20), new FetchRequest().AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1:20 BODY.PEEK[]");
        var text = new string('x', 200_000);
        var sb = new StringBuilder();
        for (var i = 1; i <= 20; i++)
        {
            sb.Append(CultureInfoInvariant($"* {i} FETCH (BODY[] {{{text.Length}}}\r\n{text})\r\n"));
        }

        sb.Append(CultureInfoInvariant($"{tag} OK done\r\n"));
        var sending = server.SendAsync(sb.ToString());
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);

        // Body 1 is not read, and nothing else waits: the reader loop waits for the caller.
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!imap.WaitingForReader && real.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        // What it read ahead of the unread body is bounded: 5 of the 200,000-byte bodies fill the 1 MiB.
        Assert.That((imap.WaitingForReader, imap.Spooling.Spools), Is.EqualTo((true, 0)), "waits without setting aside");
        Assert.That((imap.ReadingAhead.Spools, imap.ReadingAhead.Peak), Is.EqualTo((5, 1_000_000L)), "read ahead within 1 MiB");

        // A NOOP (held back until the FETCH is done) needs the FETCH's end: the bodies are set aside to get there.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await sending.WaitAsync(Patience);
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.Spooling.Peak, Is.LessThanOrEqualTo(1024 * 1024), "at most 1 MiB of the 4 MB in memory");
        Assert.That(imap.Spooling.FileBytes, Is.GreaterThan(1_500_000), "the rest in a temporary file");

        var count = 0;
        do
        {
            using var reader = new StreamReader(bodies.Current.Content);
            Assert.That(await reader.ReadToEndAsync(), Is.EqualTo(text));
            count++;
        }
        while (await bodies.MoveNextAsync());

        await bodies.DisposeAsync();
        Assert.That(count, Is.EqualTo(20));
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    // The defect this guards: DisposeAsync waits for the consumer of a streamed body.
    [Test]
    public async Task DisposeAsync_does_not_wait_for_an_unread_streamed_body()
    {
        await using var server = new ScriptedServer();
        var imap = await ConnectSelectedAsync(server);
        var bodies = imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1 BODY.PEEK[]");
        var text = new string('x', 1_000_000);
        await server.SendAsync($"* 1 FETCH (BODY[] {{{text.Length}}}\r\n{text})\r\n{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);

        var disposing = imap.DisposeAsync().AsTask();
        var done = await FinishesWithin(disposing, Patience);
        await bodies.Current.DisposeAsync();
        await disposing.WaitAsync(Patience);
        Assert.That(done, Is.True, "DisposeAsync hung until the consumer released its body");
    }

    // Items after the body are in its message by the time the next MoveNextAsync completes (the documented
    // contract; StreamedBodyEndTests pins the stricter one: before the body's stream reports its end).
    [Test]
    public async Task Items_after_the_body_are_there_after_the_next_MoveNextAsync()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(5), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID FLAGS BODY.PEEK[])");
        await server.SendAsync("* 3 FETCH (UID 5 BODY[] {5}\r\nhello");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        var body = bodies.Current;
        var reading = new StreamReader(body.Content).ReadToEndAsync();
        await server.SendAsync($" FLAGS (\\Seen))\r\n{tag} OK\r\n");
        var content = await reading.WaitAsync(Patience);
        Assert.That(await bodies.MoveNextAsync().AsTask().WaitAsync(Patience), Is.False);
        await bodies.DisposeAsync();
        Assert.That(content, Is.EqualTo("hello"));
        Assert.That(body.Message.Flags!.Contains(SystemFlags.Seen), Is.True);
    }
}
