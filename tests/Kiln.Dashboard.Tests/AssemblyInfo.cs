[assembly: AssemblyFixture(typeof(Kiln.Dashboard.Tests.Support.SeededDashboard))]
