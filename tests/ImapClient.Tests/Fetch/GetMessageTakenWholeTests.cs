using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// GetMessageAsync takes a message of up to 1 MiB whole into memory on the reader loop (within the read-ahead budget)
/// and hands it over once, when all of it is there: no body pipe, no wake-up of the caller per piece that arrives.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class GetMessageTakenWholeTests(Delivery delivery)
{
    private const string Message = "Subject: whole\r\nFrom: a@example.org\r\nMessage-Id: <w@example.org>\r\n\r\nAll of it.\r\n";

    private static string Head(uint uid, int length) => $"* 2 FETCH (UID {uid} BODY[] {{{length}}}\r\n";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && real.Elapsed < Patience)
        {
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task GetMessageAsync_takes_a_small_message_whole_before_handing_it_over()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var get = imap.GetMessageAsync(7);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");

        // Half of it: it waits in memory, taken from the read-ahead budget, and the caller has nothing yet.
        var half = Message.Length / 2;
        await server.SendAsync(Head(7, Message.Length) + Message[..half]);
        await WaitUntilAsync(() => imap.ReadingAhead.InUse == Message.Length && !imap.WaitingForReader);
        Assert.That(imap.ReadingAhead.InUse, Is.EqualTo(Message.Length), "the whole length was set aside for it up front");
        Assert.That(get.IsCompleted, Is.False);

        await server.SendAsync(Message[half..] + $")\r\n{tag} OK done\r\n");
        var message = await get.WaitAsync(Patience);
        Assert.That((message.Subject, message.MessageId, message.TextBody?.TrimEnd()), Is.EqualTo(("whole", "w@example.org", "All of it.")));
        Assert.That(imap.ReadingAhead.Peak, Is.EqualTo(Message.Length));
        await WaitUntilAsync(() => imap.ReadingAhead.InUse == 0);
        Assert.That(imap.ReadingAhead.InUse, Is.Zero, "the memory went back once the caller had it");
        Assert.That(imap.Spooling.Spools, Is.Zero);
    }

    [Test]
    public async Task GetMessageAsync_of_a_message_whose_connection_drops_mid_literal_fails_and_gives_its_memory_back()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var get = imap.GetMessageAsync(7);
        await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync(Head(7, Message.Length) + Message[..10]);
        await server.CloseAsync();

        var failure = await CatchAsync(get);
        Assert.That(failure, Is.InstanceOf<ImapConnectionException>());
        Assert.That(failure!.Message, Does.Contain("closed the connection"));
        Assert.That(imap.ReadingAhead.InUse, Is.Zero);
    }

    [Test]
    public async Task GetMessageAsync_cancelled_mid_literal_leaves_the_connection_in_step()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        using var cancel = new CancellationTokenSource();
        var get = imap.GetMessageAsync(7, cancel.Token);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync(Head(7, Message.Length) + Message[..10]);
        await WaitUntilAsync(() => imap.ReadingAhead.InUse == Message.Length);
        await cancel.CancelAsync();
        Assert.That(await CatchAsync(get), Is.InstanceOf<OperationCanceledException>());

        // The rest arrives: it is dropped, its memory goes back, and the next command works.
        await server.SendAsync(Message[10..] + $")\r\n{tag} OK done\r\n");
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.ReadingAhead.InUse, Is.Zero);
    }

    [Test]
    public async Task GetMessageAsync_then_a_streamed_fetch_streams_as_before()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var get = imap.GetMessageAsync(7);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync(Head(7, Message.Length) + Message + $" FLAGS (\\Seen))\r\n{tag} OK done\r\n");
        Assert.That((await get.WaitAsync(Patience)).Subject, Is.EqualTo("whole"));

        // A streamed FETCH is not taken whole: its first body comes through the body pipe, as it arrives.
        var got = new List<string>();
        var stream = Task.Run(async () =>
        {
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(8), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                using var reader = new StreamReader(body.Content);
                got.Add(await reader.ReadToEndAsync());
            }
        });
        tag = await server.ExpectCommandAsync("UID FETCH 8 (UID BODY.PEEK[])");
        await server.SendAsync(Head(8, Message.Length) + Message + $")\r\n{tag} OK done\r\n");
        await stream.WaitAsync(Patience);
        Assert.That(got, Is.EqualTo(new[] { Message }));
        Assert.That(imap.ReadingAhead.Peak, Is.EqualTo(Message.Length), "only GetMessageAsync's message was taken whole");
    }
}
