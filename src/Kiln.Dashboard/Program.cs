using Kiln.Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddKilnDashboard();
return await builder.RunDashboardAsync();

/// <summary>Entry point, public so tests can host the real app.</summary>
public partial class Program;
