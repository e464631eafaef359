using System.Diagnostics;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;
using ImapClient.Tests.Infrastructure.Faults;

namespace ImapClient.Tests.Connection;

/// <summary>
/// The connection breaks under commands in flight (RST, or the server's side closing mid-response): every command
/// fails at once with <see cref="ImapConnectionException"/>, held-back ones too, nothing hangs and no task is left
/// with an exception nobody observed.
/// </summary>
public class BrokenConnectionTests : DovecotTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    [TestCase(FaultKind.Reset, "* 20 FETCH")]
    [TestCase(FaultKind.Close, "* 20 FETCH")]
    [TestCase(FaultKind.Reset, "Line 00010 of message 0003")]
    [TestCase(FaultKind.Close, "Line 00010 of message 0003")]
    [TestCase(FaultKind.Close, "* 7 FETCH (UID")]
    public async Task A_break_mid_response_fails_every_command_in_flight_within_the_timeout(FaultKind kind, string marker)
    {
        using var unobserved = UnobservedExceptions.Start();
        await BreakUnderLoadAsync(kind, marker);
        await unobserved.AssertNoneAsync();
    }

    private static async Task BreakUnderLoadAsync(FaultKind kind, string marker)
    {
        var mailbox = SeedMailbox(40, bodyLines: 40);
        FaultRule? rule = null;
        await using var proxy = StartProxy(c => rule = c.ToClient.At(FaultPoint.After(marker), kind));
        // On a clock that never moves no command can time out: every failure below is the broken connection's.
        await using var imap = await LoginAsync(proxy, CommandTimeout, new TestClock());
        await imap.SelectAsync(mailbox);

        // A long FETCH in flight, commands pipelined beside it, and commands held back behind it (a UID FETCH and a
        // STORE of the same messages, a NOOP that may expunge).
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Envelope).AddBodySection("");
        var commands = new List<(string Name, Task Task)>
        {
            ("FETCH", imap.FetchAsync(SequenceSet.Range(1, 40), request)),
            ("CAPABILITY", imap.CapabilityAsync()),
            ("UID FETCH", imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Flags))),
            ("STORE", imap.StoreAsync(SequenceSet.Single(5), StoreAction.Add, new MessageFlags(SystemFlags.Flagged))),
            ("NOOP", imap.NoopAsync()),
        };

        await rule!.Fired.WaitAsync(Patience);
        var clock = Stopwatch.StartNew();
        foreach (var (name, task) in commands)
        {
            var (error, at) = await OutcomeAsync(task, clock);
            Assert.That(error, Is.InstanceOf<ImapConnectionException>(), $"{name} ({error?.GetType().Name}: {error?.Message})");
            TestContext.Out.WriteLine($"{name} failed after {at}");
        }

        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
        var late = await OutcomeAsync(imap.NoopAsync(), clock);
        Assert.That(late.Error, Is.InstanceOf<ImapConnectionException>(), "a command after the break");
    }

    [TestCase("A9999 OK completed\r\n", TestName = "{m}(a completion nobody is waiting for)")]
    [TestCase("* 3 FETCH (UID 3 BODY[] {99999999999}\r\n", TestName = "{m}(a literal larger than any limit)")]
    [TestCase("+ \r\n", TestName = "{m}(a continuation nobody asked for)")]
    public async Task Injected_bytes_fail_every_command_in_flight_loudly_only_when_they_break_the_stream(string injected)
    {
        using var unobserved = UnobservedExceptions.Start();
        await InjectUnderLoadAsync(injected);
        await unobserved.AssertNoneAsync();
    }

    private static async Task InjectUnderLoadAsync(string injected)
    {
        var mailbox = SeedMailbox(40, bodyLines: 40);
        FaultRule? rule = null;
        await using var proxy = StartProxy(c => rule = c.ToClient.InjectAt(FaultPoint.Before("* 20 FETCH"), injected));
        await using var imap = await LoginAsync(proxy, CommandTimeout, new TestClock());
        await imap.SelectAsync(mailbox);

        var fetch = imap.FetchAsync(SequenceSet.Range(1, 40), new FetchRequest(FetchItems.Uid).AddBodySection(""));
        var noop = imap.NoopAsync();
        await rule!.Fired.WaitAsync(Patience);
        var clock = Stopwatch.StartNew();
        foreach (var (name, task) in new[] { ("FETCH", (Task)fetch), ("NOOP", noop) })
        {
            var (error, at) = await OutcomeAsync(task, clock);
            if (injected.StartsWith('+') || injected.StartsWith("A9999", StringComparison.Ordinal))
            {
                // A stray continuation, or a completion of a tag never sent (raised as UnexpectedCompletion), is
                // harmless: nothing waits for it, tags are unique, and the stream stays in step.
                Assert.That(error, Is.Null, $"{name}: {error}");
                continue;
            }

            Assert.That(error, Is.InstanceOf<ImapConnectionException>(), $"{name}: {error}");
            Assert.That(Causes(error!), Has.Some.InstanceOf<ImapProtocolException>(), "the cause is named");
            TestContext.Out.WriteLine($"{name} failed after {at}");
        }
    }

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (var cause = error.InnerException; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    [TestCase(FaultKind.Reset)]
    [TestCase(FaultKind.Close)]
    public async Task A_streamed_body_cut_short_throws_instead_of_ending_early(FaultKind kind)
    {
        using var unobserved = UnobservedExceptions.Start();
        await StreamCutShortAsync(kind);
        await unobserved.AssertNoneAsync();
    }

    private static async Task StreamCutShortAsync(FaultKind kind)
    {
        var mailbox = SeedMailbox(5, bodyLines: 2000);
        await using var proxy = StartProxy(c => c.ToClient.At(FaultPoint.After(BodyLine(3, 1000)), kind));
        await using var imap = await LoginAsync(proxy, CommandTimeout, new TestClock());
        await imap.SelectAsync(mailbox);

        // Bodies read to their end, with their lengths; a body cut short must throw, never just end early.
        var complete = new Dictionary<uint, long>();
        Exception? failure = null;
        try
        {
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 5), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                var length = 0L;
                var buffer = new byte[8192];
                int n;
                while ((n = await body.Content.ReadAsync(buffer).AsTask().WaitAsync(Patience)) > 0)
                {
                    length += n;
                }

                complete[body.Message.SequenceNumber] = length;
            }
        }
#pragma warning disable CA1031 // The exception is the value under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        Assert.That(failure, Is.InstanceOf<ImapConnectionException>(), failure?.ToString());
        foreach (var (message, length) in complete)
        {
            Assert.That(length, Is.EqualTo(MessageContent((int)message, 2000).Length), $"message {message} ended, so it is whole");
        }

        Assert.That(complete.Keys, Has.No.Member(3u).And.No.Member(4u));
        if (kind == FaultKind.Close)
        {
            // After a FIN everything sent before it arrives; after an RST the receiver's kernel may drop what it holds.
            Assert.That(complete.Keys, Is.EquivalentTo(new[] { 1u, 2u }));
        }
    }
}
