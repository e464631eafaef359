using System.Net;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Authentication;

/// <summary>A caller who cancels mid-exchange gets the exchange aborted with "*", and the connection stays in sync.</summary>
public class AuthenticateCancelTests
{
    [Test]
    public async Task Cancelling_during_AUTHENTICATE_answers_the_next_challenge_with_a_star()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=CRAM-MD5] ready\r\n");
        using var cancel = new CancellationTokenSource();
        var auth = imap.AuthenticateAsync("CRAM-MD5", new NetworkCredential("tim", "tanstaaftanstaaf"), cancel.Token);
        var tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await cancel.CancelAsync();
        await server.SendAsync("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("*\r\n"));
        await server.SendAsync($"{tag} BAD AUTHENTICATE cancelled\r\n");
        var ex = await CatchAsync(auth);
        Assert.That(ex, Is.InstanceOf<OperationCanceledException>());
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));

        var login = imap.LoginAsync("tim", "x");
        var next = await server.ExpectCommandAsync("LOGIN tim x");
        await server.SendAsync($"{next} OK\r\n");
        await login.WaitAsync(Patience);
    }
}
