using System.Diagnostics;
using System.Text;
using ImapClient.Tests.Infrastructure;
using MimeKit;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;
using ImapClient.Tests.Infrastructure.Faults;

namespace ImapClient.Tests.Append;

/// <summary>
/// An APPEND interrupted by a fault reports failure: never success for a message the server did not confirm. What the
/// server holds afterwards is checked over a direct connection.
/// </summary>
public class AppendFaultTests : DovecotTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A line in the middle of the message's body, where the faults are placed.</summary>
    private const string Midpoint = "X-Fault-Point: the middle of the message\r\n";

    public enum Source
    {
        Stream,
        MimeMessage,
    }

    [Test]
    public async Task A_connection_broken_during_the_message_data_fails_the_APPEND_and_stores_nothing(
        [Values(FaultKind.Reset, FaultKind.Close)] FaultKind kind, [Values] Source source)
    {
        var mailbox = SeedMailbox(2, bodyLines: 1);
        var messageId = NewMessageId();
        using (var unobserved = UnobservedExceptions.Start())
        {
            await AppendThroughFaultAsync(mailbox, messageId, source, c => c.ToServer.At(FaultPoint.After(Midpoint), kind));
            await unobserved.AssertNoneAsync();
        }

        Assert.That(await StoredMessageIdsAsync(mailbox), Has.No.Member(messageId).And.Count.EqualTo(2));
    }

    [Test]
    public async Task A_connection_broken_before_the_server_confirmed_fails_the_APPEND_though_the_server_stored_it(
        [Values(FaultKind.Reset, FaultKind.Close)] FaultKind kind)
    {
        var mailbox = SeedMailbox(2, bodyLines: 1);
        var messageId = NewMessageId();
        using (var unobserved = UnobservedExceptions.Start())
        {
            // The server's tagged OK never arrives whole: we cannot know the outcome, so we must not claim success.
            await AppendThroughFaultAsync(mailbox, messageId, Source.Stream, c => c.ToClient.At(FaultPoint.Before("OK [APPENDUID"), kind));
            await unobserved.AssertNoneAsync();
        }

        Assert.That(await StoredMessageIdsAsync(mailbox), Has.Member(messageId), "the server did store it: only its answer was lost");
    }

    [Test]
    public async Task A_server_that_says_BYE_during_the_message_data_fails_the_APPEND_and_stores_nothing()
    {
        var mailbox = SeedMailbox(2, bodyLines: 1);
        var messageId = NewMessageId();
        using (var unobserved = UnobservedExceptions.Start())
        {
            FaultRule? stall = null;
            ProxiedConnection? connection = null;
            var appending = AppendThroughFaultAsync(mailbox, messageId, Source.Stream, c =>
            {
                connection = c;
                stall = c.ToServer.At(FaultPoint.After(Midpoint), FaultKind.Stall);
            });

            // The server stops reading in the middle of the message, says BYE and goes.
            await WaitUntilAsync(() => stall?.Fired);
            await connection!.ToClient.InjectAsync(Encoding.ASCII.GetBytes("* BYE Server shutting down\r\n"));
            connection.Close();
            await appending;
            await unobserved.AssertNoneAsync();
        }

        Assert.That(await StoredMessageIdsAsync(mailbox), Has.No.Member(messageId).And.Count.EqualTo(2));
    }

    /// <summary>Appends a message of about 200 KB with a NOOP pipelined behind it; both must fail with the connection.</summary>
    private static async Task AppendThroughFaultAsync(string mailbox, string messageId, Source source, Action<ProxiedConnection> setup)
    {
        await using var proxy = StartProxy(setup);
        // On a clock that never moves the APPEND cannot time out: its failure is the connection's.
        await using var imap = await LoginAsync(proxy, CommandTimeout, new TestClock());
        var message = Message(messageId);
        var clock = Stopwatch.StartNew();
        var append = source == Source.Stream
            ? imap.AppendAsync(mailbox, new MemoryStream(Bytes(message)), new MessageFlags(SystemFlags.Seen))
            : imap.AppendAsync(mailbox, message, new MessageFlags(SystemFlags.Seen));
        var noop = imap.NoopAsync();

        var (error, at) = await OutcomeAsync(append, clock);
        Assert.That(error, Is.InstanceOf<ImapConnectionException>(), $"APPEND: {error}");
        TestContext.Out.WriteLine($"APPEND failed after {at}");
        var (noopError, _) = await OutcomeAsync(noop, clock);
        Assert.That(noopError, Is.InstanceOf<ImapConnectionException>(), $"NOOP: {noopError}");
    }

    private static async Task WaitUntilAsync(Func<Task?> task)
    {
        var clock = Stopwatch.StartNew();
        while (task() is null && clock.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        await task()!.WaitAsync(Patience);
    }

    private static string NewMessageId() => $"append-{Guid.NewGuid():N}@example.org";

    private static MimeMessage Message(string messageId)
    {
        var body = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            body.Append(i == 1500 ? Midpoint : $"Line {i:D4} of a message that a fault will interrupt.\r\n");
        }

        var message = new MimeMessage { Subject = "Interrupted", MessageId = messageId };
        message.From.Add(new MailboxAddress("Fault", "fault@example.org"));
        message.Body = new TextPart("plain") { Text = body.ToString(), ContentTransferEncoding = ContentEncoding.SevenBit };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var bytes = new MemoryStream();
        message.WriteTo(format, bytes);
        return bytes.ToArray();
    }

    private static async Task<List<string?>> StoredMessageIdsAsync(string mailbox)
    {
        await using var direct = await LoginAsync(null, TimeSpan.FromSeconds(30));
        var info = await direct.ExamineAsync(mailbox);
        return info.Exists == 0
            ? []
            : [.. (await direct.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Envelope))).Select(m => m.Envelope?.MessageId?.Trim('<', '>'))];
    }
}
