// The namespaces nearly every file of this project uses: EF Core and the data context.
global using Microsoft.EntityFrameworkCore;
global using SanLing.Infrastructure.Data;
