using ImapClient.TestServer;

return await ServerHost.RunAsync(args).ConfigureAwait(false);
