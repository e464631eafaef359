using System.Net.Sockets;
using System.Text;

namespace ImapClient.TestServer;

/// <summary>Decides when the instance is usable: imap-login greets for real only once the auth process answers.</summary>
internal static class GreetingProbe
{
    public static async Task<bool> WaitAsync(
        int port, Func<bool> serverAlive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (serverAlive())
            {
                if (await TryGreetingAsync(port, deadline.Token).ConfigureAwait(false))
                {
                    return true;
                }

                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }

            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> TryGreetingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            // While auth starts, imap-login sends "* OK Waiting for authentication process to respond.." first.
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("* OK", StringComparison.Ordinal)
                    && !line.Contains("Waiting for authentication", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
