// The review capability's public surface: its modules, its services and its entities.
export {};
