using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// Every cap on what the server controls is an <see cref="ImapProtocolException"/> that names the limit. A limit hit
/// inside a response that was framed fails only its command; one that stops the framing breaks the connection.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class LimitTests(Delivery delivery)
{
    private async Task<Exception?> FetchWithReplyAsync(ImapConnectionOptions options, string reply)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: options);
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        await server.SendAsync(reply + $"{tag} OK done\r\n");
        var ex = await CatchAsync(fetch);

        // Whatever the limit did to the FETCH, the connection answers (or is closed) at once, never hangs.
        if (imap.State != ImapConnectionState.Logout)
        {
            var noop = imap.NoopAsync();
            await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK alive\r\n");
            await noop.WaitAsync(Patience);
        }

        return ex;
    }

    [Test]
    public async Task Too_many_items_in_one_FETCH_response_fail_that_FETCH_naming_the_limit()
    {
        var items = string.Concat(Enumerable.Range(0, 20).Select(i => $" X-ITEM{i} NIL"));
        var ex = await FetchWithReplyAsync(new ImapConnectionOptions { MaxFetchItems = 10 }, $"* 1 FETCH (FLAGS (){items})\r\n");

        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("limit of 10 items"));
    }

    [Test]
    public async Task Lists_nested_deeper_than_the_limit_fail_that_FETCH_naming_the_limit()
    {
        var deep = new string('(', 40) + new string(')', 40);
        var ex = await FetchWithReplyAsync(new ImapConnectionOptions { MaxNestingDepth = 16 }, $"* 1 FETCH (FLAGS () X-DEEP {deep})\r\n");

        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("limit of 16"));
    }

    [Test]
    public async Task A_literal_larger_than_the_in_memory_limit_is_refused_naming_the_limit()
    {
        var ex = await FetchWithReplyAsync(new ImapConnectionOptions { MaxLiteralSize = 100 }, "* 1 FETCH (FLAGS () X-BIG {500}\r\n" + new string('z', 500) + ")\r\n");

        Assert.That(ex, Is.InstanceOf<ImapException>());
        var protocol = ex as ImapProtocolException ?? ex!.InnerException as ImapProtocolException;
        Assert.That(protocol, Is.Not.Null, ex!.ToString());
        Assert.That(protocol!.Message, Does.Contain("limit of 100 bytes"));
    }
}
