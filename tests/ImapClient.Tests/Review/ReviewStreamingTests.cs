using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Review;

[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ReviewStreamingTests(Delivery delivery)
{
    [Test]
    public async Task Moving_on_without_reading_a_body_disposes_it_and_the_next_arrives()
    {
        // "moving on disposes the previous one": the caller takes body 1, reads nothing, and asks for the next.
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(3) });
        var bodies = imap.FetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest().AddBodySection("TEXT")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1:2 BODY.PEEK[TEXT]");
        await server.SendAsync($"* 1 FETCH (BODY[TEXT] {{5}}\r\nhello)\r\n* 2 FETCH (BODY[TEXT] {{5}}\r\nworld)\r\n{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        Assert.That(bodies.Current.SequenceNumber, Is.EqualTo(1u));

        var next = bodies.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(8)));
        Assert.That(finished, Is.SameAs(next), "the enumeration hangs: body 1 is disposed only once body 2 arrives, which waits for body 1");
        Assert.That(await next, Is.True);
        Assert.That(bodies.Current.SequenceNumber, Is.EqualTo(2u));
        await bodies.DisposeAsync();
    }
}
